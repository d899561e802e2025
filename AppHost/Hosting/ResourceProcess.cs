using System.Diagnostics;

namespace Cascade.AppHost.Hosting;

/// <summary>
/// One run of a resource's process: its output goes to the AppHost's console prefixed with the resource's name and
/// into a <see cref="LogTail"/>; stopping asks politely (SIGTERM) and then kills the whole process tree.
/// </summary>
public sealed class ResourceProcess : IDisposable
{
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);
    private readonly string _resourceName;
    private readonly ResourceLaunch _launch;
    private readonly AppHostConsole _console;
    private readonly LogTail _tail;
    private readonly Process _process;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _readyLineSeen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Initializes a process for <paramref name="launch"/>; call <see cref="Start"/> to run it.</summary>
    public ResourceProcess(string resourceName, ResourceLaunch launch, AppHostConsole console, LogTail tail)
    {
        ArgumentNullException.ThrowIfNull(launch);
        _resourceName = resourceName;
        _launch = launch;
        _console = console;
        _tail = tail;

        var startInfo = new ProcessStartInfo(launch.FileName)
        {
            WorkingDirectory = launch.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,

            // The AppHost's terminal input is not the children's.
            RedirectStandardInput = true,
        };
        foreach (var argument in launch.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in launch.Environment)
        {
            startInfo.Environment[key] = value;
        }

        _process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        _process.OutputDataReceived += OnLine;
        _process.ErrorDataReceived += OnLine;
        _process.Exited += OnExited;
    }

    /// <summary>Gets the process id once started.</summary>
    public int Id { get; private set; }

    /// <summary>Gets the underlying process once started.</summary>
    public Process Process => _process;

    /// <summary>Gets a task that completes when the process has exited and its output is read.</summary>
    public Task Exited => _exited.Task;

    /// <summary>Gets a task that completes when the process printed <see cref="ResourceLaunch.ReadyLine"/>.</summary>
    public Task ReadyLineSeen => _readyLineSeen.Task;

    /// <summary>Gets a value indicating whether the process has exited.</summary>
    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Gets the exit code once exited.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Starts the process.</summary>
    /// <exception cref="DistributedApplicationException">The executable could not be started.</exception>
    public void Start()
    {
        try
        {
            _process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new DistributedApplicationException($"Resource '{_resourceName}' could not start {_launch.FileName}: {ex.Message}", ex);
        }

        Id = _process.Id;
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Stops the process: SIGTERM, up to <paramref name="gracePeriod"/> to exit, then its whole tree is killed.</summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        if (Id == 0 || HasExited)
        {
            return;
        }

        // Children a graceful exit would orphan are remembered now, while they are still in the tree.
        var descendants = ProcessTree.Descendants(Id);
        if (gracePeriod > TimeSpan.Zero && ProcessTree.RequestStop(Id))
        {
            try
            {
                await Exited.WaitAsync(gracePeriod);
            }
            catch (TimeoutException)
            {
                _console.Info($"{_resourceName} did not stop within {gracePeriod.TotalSeconds:0.#} s; killing it");
            }
        }

        Kill(descendants);
        try
        {
            await Exited.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            _console.Info($"{_resourceName} (pid {Id}) did not exit after being killed");
        }
    }

    /// <summary>Kills the process tree at once, without waiting (for the AppHost's own exit).</summary>
    public void KillNow()
    {
        if (Id != 0 && !HasExited)
        {
            Kill(ProcessTree.Descendants(Id));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _process.Dispose();

    private void Kill(IReadOnlyList<int> descendants)
    {
        ProcessTree.KillTree(Id);
        foreach (var pid in descendants)
        {
            ProcessTree.KillTree(pid);
        }
    }

    private void OnLine(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is not { } line)
        {
            return;
        }

        _tail.Add(line);
        _console.Resource(_resourceName, line);
        if (_launch.ReadyLine is { } ready && line.Contains(ready, StringComparison.Ordinal))
        {
            _readyLineSeen.TrySetResult();
        }
    }

    private void OnExited(object? sender, EventArgs e)
    {
        // Waiting without a timeout drains the redirected output, so a crash report has the last lines; but a child
        // the process started can hold the pipe open after the process itself exited, so the drain is bounded.
        Task.Run(_process.WaitForExit).Wait(OutputDrainTimeout);
        ExitCode = _process.ExitCode;
        _exited.TrySetResult();
    }
}
