namespace Cascade.AppHost.Hosting;

/// <summary>The AppHost's output: its own messages, and every resource's lines prefixed with the resource's name.</summary>
public sealed class AppHostConsole
{
    private readonly TextWriter _writer;
    private readonly Lock _lock = new();
    private int _nameWidth = 8;

    /// <summary>Initializes a console writing to <paramref name="writer"/>.</summary>
    public AppHostConsole(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
    }

    /// <summary>Sets the width resource names are padded to, so that prefixed lines align.</summary>
    public void AlignNames(IEnumerable<string> names) => _nameWidth = Math.Max(_nameWidth, names.DefaultIfEmpty("").Max(n => n.Length));

    /// <summary>Writes one of the AppHost's own messages.</summary>
    public void Info(string message) => Write($"apphost: {message}");

    /// <summary>Writes one line a resource printed.</summary>
    public void Resource(string resourceName, string line) => Write($"{resourceName.PadRight(_nameWidth)} | {line}");

    private void Write(string text)
    {
        lock (_lock)
        {
            _writer.WriteLine(text);
            _writer.Flush();
        }
    }
}
