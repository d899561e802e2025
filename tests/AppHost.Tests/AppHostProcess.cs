using System.Diagnostics;
using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests;

/// <summary>An AppHost executable run as a child of the test, with its output captured line by line.</summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly CapturedOutput _output;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppHostProcess(Process process, CapturedOutput output)
    {
        _process = process;
        _output = output;
    }

    public int Id => _process.Id;

    public string Output => _output.Text;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>dotnet <paramref name="dll"/> <paramref name="arguments"/></c> with provider keys and Redis settings cleared.</summary>
    public static AppHostProcess Start(string dll, IEnumerable<string> arguments, CapturedOutput output, IDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(ExecutableLocator.DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        startInfo.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var variable in new[] { "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL", "ConnectionStrings__redis", "OTEL_EXPORTER_OTLP_ENDPOINT" })
        {
            startInfo.Environment.Remove(variable);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var host = new AppHostProcess(process, output);
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.WriteLine(e.Data);
            // The last line of the start-up summary.
            if (e.Data.StartsWith("apphost: press Ctrl+C to stop", StringComparison.Ordinal))
            {
                host._ready.TrySetResult();
            }
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.Exited += (_, _) =>
        {
            process.WaitForExit();
            host._exited.TrySetResult();
            host._ready.TrySetException(new InvalidOperationException($"The AppHost exited with code {process.ExitCode} before it was ready:{Environment.NewLine}{output.Text}"));
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until the AppHost printed that every resource is ready.</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) => _ready.Task.WaitAsync(timeout, cancellationToken);

    /// <summary>Waits until the AppHost exited.</summary>
    public Task WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _exited.Task.WaitAsync(timeout, cancellationToken);

    /// <summary>Sends a signal to the AppHost (and to <paramref name="others"/> in the same call), as <c>kill -SIGNAL pid...</c> does.</summary>
    public async Task SignalAsync(string signal, params IEnumerable<int> others)
    {
        // The shell's own kill, so the test needs no procps.
        var targets = string.Join(' ', others.Append(Id));
        using var kill = Process.Start(new ProcessStartInfo("sh", ["-c", $"kill -{signal} {targets}"]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        kill.ExitCode.ShouldBe(0);
    }

    /// <summary>Kills the AppHost alone, the way an out-of-memory killer or <c>kill -9</c> would, leaving its children behind.</summary>
    public void KillAppHostOnly() => _process.Kill(entireProcessTree: false);

    public async ValueTask DisposeAsync()
    {
        if (!_exited.Task.IsCompleted)
        {
            foreach (var pid in ProcessTree.Descendants(Id))
            {
                ProcessTree.KillTree(pid);
            }

            _process.Kill(entireProcessTree: true);
            await _exited.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }
}
