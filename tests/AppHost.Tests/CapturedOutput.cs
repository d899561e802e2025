using System.Text;

namespace Cascade.AppHost.Tests;

/// <summary>An AppHost's output, kept for assertions and copied to the test's output.</summary>
internal sealed class CapturedOutput : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _line = new();

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

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
            if (value == '\n')
            {
                var line = _line.ToString();
                _line.Clear();
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
