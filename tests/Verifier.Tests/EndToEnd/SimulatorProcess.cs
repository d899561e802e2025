using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Cascade.Verifier.Tests.EndToEnd;

/// <summary>The simulator started as a child process on 127.0.0.1 (a port Kestrel picks), as the AppHost starts it.</summary>
public sealed partial class SimulatorProcess : IAsyncDisposable
{
    public const string AdminKey = "e2e-admin-key";

    private readonly Process _process;

    private SimulatorProcess(Process process, string address)
    {
        _process = process;
        Address = address;
    }

    public string Address { get; }

    public static async Task<SimulatorProcess> StartAsync(CancellationToken cancellationToken)
    {
        // tests/Verifier.Tests/bin/<configuration>/net10.0 → src/Simulator/bin/<configuration>/net10.0
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = output.Parent!.Name;
        string root = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        string dll = Path.Combine(root, "src", "Simulator", "bin", configuration, output.Name, "Cascade.Simulator.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The simulator is not built at {dll}.", dll);
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        foreach (string argument in new[] { dll, "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Simulator__LatencyScale"] = "0";
        start.Environment["Simulator__Replay__Enabled"] = "false";
        start.Environment["Simulator__AdminKey"] = AdminKey;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Information";

        Process process = Process.Start(start) ?? throw new InvalidOperationException("The simulator did not start.");
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            log.Enqueue(e.Data);
            if (Listening().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        };
        process.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The simulator exited: " + string.Join("\n", log)));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            string address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return new SimulatorProcess(process, address);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
