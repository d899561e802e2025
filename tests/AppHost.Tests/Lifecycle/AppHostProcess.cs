using System.Diagnostics;
using Cascade.Testing.Integration;

namespace Cascade.AppHost.Tests.Lifecycle;

/// <summary>
/// The built AppHost run as its own process, the way <c>dotnet run --project AppHost</c> runs it: with the launch profile's
/// settings on free loopback ports, optionally under a pseudo-terminal (<c>script</c>) so a Ctrl+C can be typed to it.
/// </summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    /// <summary>The line the run summary opens with, once the apps are up.</summary>
    public const string ReadyLine = "Cascade is running.";

    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppHostProcess(Process process, CapturedOutput output, string dataDirectory)
    {
        _process = process;
        Output = output;
        _dataDirectory = dataDirectory;
    }

    /// <summary>Gets everything the process wrote.</summary>
    public CapturedOutput Output { get; }

    /// <summary>Gets the AppHost's process id (under a terminal, that of the <c>script</c> process's child is found from it).</summary>
    public int Id => _process.Id;

    /// <summary>Gets the exit code once exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the AppHost.</summary>
    /// <param name="terminal">Whether to run it under a pseudo-terminal (Ctrl+C reaches its foreground process group).</param>
    /// <param name="shellPrefix">A shell snippet run before the AppHost (for example <c>trap '' INT;</c>); <see langword="null"/> for none.</param>
    public static AppHostProcess Start(bool terminal = false, string? shellPrefix = null)
    {
        string dll = AppHostDll();
        string data = Directory.CreateTempSubdirectory("cascade-apphost-process-").FullName;
        string command = $"{shellPrefix} exec dotnet '{dll}'";
        var startInfo = terminal
            ? new ProcessStartInfo(IntegrationRequirements.Executable("script", "sudo apt-get install bsdutils"), ["-qefc", command, "/dev/null"])
            : new ProcessStartInfo("sh", ["-c", command]);
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = true;
        startInfo.WorkingDirectory = Path.GetDirectoryName(dll)!;

        foreach (string variable in new[] { "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL", "ConnectionStrings__redis", "OTEL_EXPORTER_OTLP_ENDPOINT" })
        {
            startInfo.Environment.Remove(variable);
        }

        // What the launch profile sets under dotnet run, on ports of this test's own.
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Development";
        startInfo.Environment["ASPNETCORE_URLS"] = $"http://localhost:{LoopbackPort.GetFree()}";
        startInfo.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://localhost:{LoopbackPort.GetFree()}";
        startInfo.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{LoopbackPort.GetFree()}";
        startInfo.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        startInfo.Environment["DcpPublisher__RandomizePorts"] = "true";
        startInfo.Environment["AppHost__RedisDataDirectory"] = data;
        startInfo.Environment["Parameters__router-api-key"] = "csk_test_" + Guid.NewGuid().ToString("N");
        startInfo.Environment["Parameters__router-admin-key"] = "adm_test_" + Guid.NewGuid().ToString("N");
        startInfo.Environment["Parameters__verifier-service-key"] = "vsk_test_" + Guid.NewGuid().ToString("N");
        startInfo.Environment["Parameters__redis-password"] = "rp" + Guid.NewGuid().ToString("N");

        var output = new CapturedOutput();
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var host = new AppHostProcess(process, output, data);
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is not null)
            {
                output.WriteLine(e.Data);
            }
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.Exited += (_, _) => host._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    // The AppHost's own build output (the test project builds it as a reference), run as dotnet run runs it.
    private static string AppHostDll()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Cascade.sln")))
        {
            directory = directory.Parent;
        }

        directory.ShouldNotBeNull($"Cascade.sln is above {AppContext.BaseDirectory}");
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string dll = Path.Combine(directory.FullName, "AppHost", "bin", configuration, "net10.0", "Cascade.AppHost.dll");
        File.Exists(dll).ShouldBeTrue($"the AppHost is built at {dll}");
        return dll;
    }

    /// <summary>Waits for a line containing <paramref name="text"/>, failing with the output so far if the process exits first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan patience, CancellationToken cancellationToken)
    {
        Task seen = Output.WaitForLineAsync(text);
        Task first = await Task.WhenAny(seen, _exited.Task).WaitAsync(patience, cancellationToken);
        if (first != seen)
        {
            throw new InvalidOperationException($"The AppHost exited with code {_process.ExitCode} before it wrote '{text}':{Environment.NewLine}{Output.Text}");
        }
    }

    /// <summary>Types Ctrl+C into the pseudo-terminal.</summary>
    public async Task TypeCtrlCAsync()
    {
        await _process.StandardInput.WriteAsync('\x03');
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Sends <paramref name="signal"/> (for example <c>TERM</c>) to the AppHost process.</summary>
    public async Task SignalAsync(string signal)
    {
        using Process kill = Process.Start(new ProcessStartInfo("sh", ["-c", $"kill -{signal} {Id}"]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        kill.ExitCode.ShouldBe(0);
    }

    /// <summary>Waits for the process to exit.</summary>
    public Task WaitForExitAsync(TimeSpan patience, CancellationToken cancellationToken) => _exited.Task.WaitAsync(patience, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!_exited.Task.IsCompleted)
        {
            IReadOnlyList<RunProcesses.Identity> left = RunProcesses.Of(Id);
            _process.Kill(entireProcessTree: true);
            foreach (RunProcesses.Identity process in left.Where(RunProcesses.IsAlive))
            {
                try
                {
                    Process.GetProcessById(process.Pid).Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }

            await _exited.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder; redis-server may still be closing its files.
        }
    }
}
