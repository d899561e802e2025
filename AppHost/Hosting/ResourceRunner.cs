namespace Cascade.AppHost.Hosting;

/// <summary>
/// Supervises one resource's process: starts it, waits until it is ready, reports a crash with its last log lines,
/// restarts it by its <see cref="RestartPolicy"/>, and stops it.
/// </summary>
internal sealed class ResourceRunner
{
    private static readonly TimeSpan HealthPollInterval = TimeSpan.FromMilliseconds(200);

    // Ctrl+C in a terminal signals the whole process group, so children may exit a moment before the AppHost's
    // own handler runs; an exit that soon before a shutdown is the shutdown, not a crash.
    private static readonly TimeSpan ShutdownRace = TimeSpan.FromMilliseconds(300);

    private readonly Resource _resource;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly AppHostOptions _options;
    private readonly AppHostConsole _console;
    private readonly TimeProvider _timeProvider;
    private readonly HttpClient _http;
    private readonly ChildProcessRegistry _registry;
    private readonly RestartPolicy _policy;
    private readonly RestartTracker _tracker;
    private readonly LogTail _tail;
    private readonly CancellationTokenSource _stopping;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ResourceProcess? _current;
    private Task _loop = Task.CompletedTask;

    public ResourceRunner(
        Resource resource,
        IReadOnlyDictionary<string, string> environment,
        AppHostOptions options,
        AppHostConsole console,
        TimeProvider timeProvider,
        HttpClient http,
        ChildProcessRegistry registry,
        CancellationToken applicationStopping)
    {
        _resource = resource;
        _environment = environment;
        _options = options;
        _console = console;
        _timeProvider = timeProvider;
        _http = http;
        _registry = registry;
        _policy = resource.RestartPolicy ?? options.RestartPolicy;
        _tracker = new RestartTracker(_policy, timeProvider);
        _tail = new LogTail(options.CrashLogLines);
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(applicationStopping);
    }

    /// <summary>Gets a task that completes the first time the resource is ready, or fails when it cannot be started.</summary>
    public Task Ready => _ready.Task;

    public void Start() => _loop = Task.Run(SuperviseAsync);

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        if (_current is { } process)
        {
            await process.StopAsync(_options.ShutdownTimeout);
        }

        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _console.Info($"{_resource.Name}: supervision ended with {ex.GetType().Name}: {ex.Message}");
        }

        if (_current is { } last)
        {
            // A restart may have started a new process while the first one was stopping.
            await last.StopAsync(_options.ShutdownTimeout);
            _registry.Remove(last.Id);
            last.Dispose();
            _current = null;
        }

        _ready.TrySetException(new DistributedApplicationException($"Resource '{_resource.Name}' was stopped before it was ready."));
        _resource.ProcessId = null;
        _resource.State = _resource.State == ResourceState.Failed ? ResourceState.Failed : ResourceState.Stopped;
    }

    /// <summary>Kills the process tree at once (for the AppHost's own exit).</summary>
    public void KillNow() => _current?.KillNow();

    private async Task SuperviseAsync()
    {
        try
        {
            await RunAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever went wrong, whoever waits for this resource must hear about it rather than wait forever.
            Fail($"{_resource.Name} could not be supervised: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            var launch = _resource.CreateLaunch(_environment, _options)
                ?? throw new InvalidOperationException($"Resource '{_resource.Name}' has no process to run.");
            _tail.Clear();
            var process = new ResourceProcess(_resource.Name, launch, _console, _tail);
            try
            {
                process.Start();
            }
            catch (DistributedApplicationException ex)
            {
                process.Dispose();
                Fail(ex.Message);
                return;
            }

            var previous = _current;
            _current = process;
            previous?.Dispose();
            _registry.Add(_resource.Name, process.Process);
            _resource.ProcessId = process.Id;
            _resource.State = ResourceState.Starting;
            _tracker.MarkStarted();

            var outcome = await WaitUntilReadyAsync(process, launch, token);
            if (outcome == Outcome.Stopping)
            {
                return;
            }

            if (outcome == Outcome.TimedOut)
            {
                await process.StopAsync(_options.ShutdownTimeout);
                Fail($"{_resource.Name} did not become ready within {_options.HealthTimeout} " +
                    $"({(launch.HealthUrl is { } url ? $"GET {url} never answered 200" : $"it never printed \"{launch.ReadyLine}\"")}).{LastLines()}");
                return;
            }

            if (outcome == Outcome.Ready)
            {
                _resource.State = ResourceState.Running;
                if (_ready.Task.IsCompleted)
                {
                    _console.Info($"{_resource.Name} is ready again after restart {_resource.Restarts}");
                }

                _ready.TrySetResult();
                try
                {
                    await process.Exited.WaitAsync(token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            if (await IsShuttingDownAsync(token))
            {
                return;
            }

            _registry.Remove(process.Id);
            var decision = _tracker.OnExited();
            var exit = $"{_resource.Name} (pid {process.Id}) exited with code {process.ExitCode}{(outcome == Outcome.Ready ? "" : " before it was ready")}.{LastLines()}";
            if (!decision.Restart)
            {
                Fail(_policy.MaxRestarts == 0
                    ? $"{exit}{Environment.NewLine}Its restart policy allows no restarts."
                    : $"{exit}{Environment.NewLine}It crashed {decision.Attempt + 1} times in a row; the restart policy (at most {_policy.MaxRestarts} restarts) gives up.");
                return;
            }

            _console.Info($"{exit}{Environment.NewLine}Restarting it in {decision.Delay.TotalSeconds:0.###} s (restart {decision.Attempt} of at most {_policy.MaxRestarts} in a row).");

            // The backoff timer exists before the state says Restarting, so whoever sees the state can move the clock.
            var backoff = Task.Delay(decision.Delay, _timeProvider, token);
            _resource.Restarts++;
            _resource.State = ResourceState.Restarting;
            try
            {
                await backoff;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<Outcome> WaitUntilReadyAsync(ResourceProcess process, ResourceLaunch launch, CancellationToken stopping)
    {
        using var timeout = new CancellationTokenSource(_options.HealthTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping);
        var token = linked.Token;
        try
        {
            if (launch.ReadyLine is not null)
            {
                await Task.WhenAny(process.ReadyLineSeen, process.Exited).WaitAsync(token);
                return process.ReadyLineSeen.IsCompleted ? Outcome.Ready : Outcome.Exited;
            }

            while (true)
            {
                if (process.HasExited)
                {
                    return Outcome.Exited;
                }

                if (launch.HealthUrl is null || await HealthProbe.IsHealthyAsync(_http, launch.HealthUrl, token))
                {
                    return process.HasExited ? Outcome.Exited : Outcome.Ready;
                }

                // Polling paces a real process, so it runs on real time; the timeout and backoff use the TimeProvider.
                await Task.WhenAny(process.Exited, Task.Delay(HealthPollInterval, TimeProvider.System, token));
                token.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException)
        {
            return stopping.IsCancellationRequested ? Outcome.Stopping : Outcome.TimedOut;
        }
    }

    private async Task<bool> IsShuttingDownAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(ShutdownRace, TimeProvider.System, stopping);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private void Fail(string message)
    {
        _resource.State = ResourceState.Failed;
        _console.Info(message);
        _ready.TrySetException(new DistributedApplicationException(message));
    }

    private string LastLines()
    {
        var lines = _tail.Snapshot();
        return lines.Count == 0
            ? " It printed nothing."
            : $"{Environment.NewLine}Its last {lines.Count} lines:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", lines)}";
    }

    private enum Outcome
    {
        Ready,
        Exited,
        TimedOut,
        Stopping,
    }
}
