using System.Text;

namespace Cascade.AppHost.Tests.Lifecycle;

/// <summary>An AppHost's output, kept for assertions and copied to the test's output.</summary>
internal sealed class CapturedOutput : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _line = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Completes once a line containing <paramref name="text"/> has been written (at once if one was).</summary>
    public Task WaitForLineAsync(string text)
    {
        lock (_text)
        {
            if (_text.ToString().Contains(text, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((text, seen));
            return seen.Task;
        }
    }

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
            if (value == '\n')
            {
                var line = _line.ToString();
                _line.Clear();
                foreach (var waiter in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
                {
                    waiter.Seen.TrySetResult();
                    _waiters.Remove(waiter);
                }

                try
                {
                    TestContext.Current.TestOutputHelper?.WriteLine(line);
                }
                catch (InvalidOperationException)
                {
                    // Output after the test finished (a late log line from a stopping child).
                }
            }
            else if (value != '\r')
            {
                _line.Append(value);
            }
        }
    }
}
