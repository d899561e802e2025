namespace Cascade.AppHost.Hosting;

/// <summary>The last lines a resource printed, kept to report why it crashed.</summary>
public sealed class LogTail
{
    private readonly Queue<string> _lines;
    private readonly int _capacity;

    /// <summary>Initializes a tail keeping the last <paramref name="capacity"/> lines.</summary>
    public LogTail(int capacity = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _lines = new Queue<string>(capacity);
    }

    /// <summary>Adds a line, dropping the oldest when full.</summary>
    public void Add(string line)
    {
        lock (_lines)
        {
            if (_lines.Count == _capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    /// <summary>Returns the kept lines, oldest first.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (_lines)
        {
            return _lines.ToArray();
        }
    }

    /// <summary>Forgets every line (a restarted process starts a fresh tail).</summary>
    public void Clear()
    {
        lock (_lines)
        {
            _lines.Clear();
        }
    }
}
