using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Cascade.AppHost.Hosting;

/// <summary>
/// The running application: starts resources in dependency order, waiting for each one's health, prints where they
/// are, keeps them running by their restart policies, and stops every child process on Ctrl+C, SIGTERM or the
/// AppHost's own exit.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly DistributedApplicationBuilder _builder;
    private readonly IReadOnlyList<Resource> _order;
    private readonly Dictionary<Resource, ResourceRunner> _runners = [];
    private readonly HashSet<Resource> _withoutProcess = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Lock _lock = new();
    private ChildProcessRegistry? _registry;
    private Task? _stopTask;
    private int _started;

    internal DistributedApplication(DistributedApplicationBuilder builder, IReadOnlyList<Resource> order)
    {
        _builder = builder;
        _order = order;
    }

    /// <summary>Creates a builder for the AppHost's <c>Program.cs</c>.</summary>
    public static DistributedApplicationBuilder CreateBuilder(string[] args) => DistributedApplicationBuilder.Create(args);

    /// <summary>Gets the resources in start order.</summary>
    public IReadOnlyList<Resource> Resources => _order;

    /// <summary>Gets the full path of the folder the AppHost owns.</summary>
    public string StateDirectory => Path.GetFullPath(_builder.Options.StateDirectory, _builder.ProjectDirectory);

    /// <summary>Gets the resource named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No resource has that name.</exception>
    public Resource this[string name] =>
        _order.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"No resource is named '{name}'; the resources are {string.Join(", ", _order.Select(r => r.Name))}.");

    /// <summary>Waits until the resource named <paramref name="name"/> satisfies <paramref name="condition"/> (checked now and on each state change).</summary>
    /// <exception cref="KeyNotFoundException">No resource has that name.</exception>
    public async Task WaitForResourceAsync(string name, Func<Resource, bool> condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var resource = this[name];
        var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(Resource r)
        {
            if (condition(r))
            {
                met.TrySetResult();
            }
        }

        resource.StateChanged += OnChanged;
        try
        {
            OnChanged(resource);
            await met.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            resource.StateChanged -= OnChanged;
        }
    }

    /// <summary>
    /// Runs until Ctrl+C (SIGINT), SIGTERM, SIGQUIT, SIGHUP or <paramref name="cancellationToken"/>, then stops everything;
    /// a second signal kills every process tree at once. Returns the process exit code: 0 after a requested stop,
    /// 1 when the application could not start.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (shutdown.IsCancellationRequested)
            {
                _builder.Console.Info("second stop signal: killing every resource now");
                KillNow();
                return;
            }

            _builder.Console.Info($"{context.Signal}: stopping");
            RequestStop();
            shutdown.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);

        // The terminal closed: stop the children rather than leave them running without a parent.
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        EventHandler onExit = (_, _) => KillNow();
        UnhandledExceptionEventHandler onCrash = (_, _) => KillNow();
        AppDomain.CurrentDomain.ProcessExit += onExit;
        AppDomain.CurrentDomain.UnhandledException += onCrash;
        try
        {
            try
            {
                await StartAsync(shutdown.Token);
            }
            catch (DistributedApplicationException ex)
            {
                _builder.Console.Info($"could not start: {ex.Message}");
                await StopAsync();
                return 1;
            }
            catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
            {
                await StopAsync();
                return 0;
            }

            _builder.Console.Info("press Ctrl+C to stop");
            try
            {
                await ParentProcessWatch.WaitForParentExitAsync(TimeSpan.FromSeconds(1), shutdown.Token);
                _builder.Console.Info("the process that started the AppHost has ended: stopping");
            }
            catch (OperationCanceledException)
            {
            }

            await StopAsync();
            return 0;
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= onExit;
            AppDomain.CurrentDomain.UnhandledException -= onCrash;
        }
    }

    /// <summary>Prepares every resource and starts them in dependency order; returns once all are ready.</summary>
    /// <exception cref="DistributedApplicationException">A resource could not be prepared or did not become ready; what was started is stopped again.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("The application is already started.");
        }

        var console = _builder.Console;
        var started = Stopwatch.StartNew();
        console.AlignNames(_order.Select(r => r.Name));

        var ports = new PortAllocator();
        var context = new ResourcePreparationContext(_builder.Configuration, _builder.Options, _builder.ProjectDirectory, StateDirectory, ports, _builder.Projects);
        try
        {
            Directory.CreateDirectory(StateDirectory);
            _registry = new ChildProcessRegistry(StateDirectory);

            // Before ports are chosen: a leftover may still hold a configured port.
            foreach (var leftover in _registry.StopLeftovers())
            {
                console.Info($"stopped {leftover}, left running by an AppHost that did not shut down");
            }

            foreach (var resource in _order)
            {
                resource.Prepare(context);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DistributedApplicationException($"The AppHost's state folder {StateDirectory} cannot be used ({ex.Message}); set AppHost:StateDirectory to a writable folder.", ex);
        }

        // Notices after every resource is prepared, so that the providers line knows the simulator's address.
        foreach (var resource in _order)
        {
            if (resource.Notice is { } notice)
            {
                console.Info(notice);
            }
        }

        var environment = new ResourceEnvironment(
            _builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"],
            _builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        var readiness = new Dictionary<Resource, Task>();
        var firstFailure = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var resource in _order)
        {
            var dependencies = resource.WaitsFor.Select(d => readiness[d]).ToArray();
            readiness[resource] = StartWhenReadyAsync(resource, dependencies, environment.For(resource), firstFailure);
        }

        var all = Task.WhenAll(readiness.Values);
        try
        {
            await Task.WhenAny(all, firstFailure.Task).Unwrap().WaitAsync(cancellationToken);
        }
        catch (Exception)
        {
            await StopAsync();
            throw;
        }

        PrintSummary(started.Elapsed);
    }

    /// <summary>Stops every resource, dependents first, killing process trees that do not exit in time.</summary>
    public Task StopAsync()
    {
        lock (_lock)
        {
            return _stopTask ??= StopCoreAsync();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _stopping.Dispose();
    }

    private async Task StartWhenReadyAsync(Resource resource, Task[] dependencies, IReadOnlyDictionary<string, string> environment, TaskCompletionSource firstFailure)
    {
        try
        {
            await Task.WhenAll(dependencies);
            if (resource.SkipReason is not null)
            {
                resource.State = ResourceState.Skipped;
                return;
            }

            _stopping.Token.ThrowIfCancellationRequested();
            if (resource.CreateLaunch(environment, _builder.Options) is null)
            {
                lock (_lock)
                {
                    _withoutProcess.Add(resource);
                }

                resource.State = ResourceState.Running;
                return;
            }

            ResourceRunner runner;
            lock (_lock)
            {
                _stopping.Token.ThrowIfCancellationRequested();
                runner = new ResourceRunner(resource, environment, _builder.Options, _builder.Console, _builder.TimeProvider, _http, _registry!, _stopping.Token);
                _runners[resource] = runner;
                runner.Start();
            }

            await runner.Ready;
        }
        catch (Exception ex)
        {
            firstFailure.TrySetException(ex);
            throw;
        }
    }

    private void RequestStop()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed: everything is stopped already.
        }
    }

    private async Task StopCoreAsync()
    {
        RequestStop();
        ResourceRunner[] runners;
        lock (_lock)
        {
            runners = _order.Where(_runners.ContainsKey).Select(r => _runners[r]).Reverse().ToArray();
        }

        if (runners.Length > 0)
        {
            _builder.Console.Info($"stopping {runners.Length} resource(s)");
        }

        foreach (var runner in runners)
        {
            await runner.StopAsync();
        }

        if (runners.Length > 0)
        {
            _builder.Console.Info("stopped");
        }

        foreach (var resource in _order.Where(r => r.State is ResourceState.Running or ResourceState.NotStarted))
        {
            resource.State = ResourceState.Stopped;
        }
    }

    private void KillNow()
    {
        RequestStop();
        ResourceRunner[] runners;
        lock (_lock)
        {
            runners = [.. _runners.Values];
        }

        foreach (var runner in runners)
        {
            runner.KillNow();
        }
    }

    private void PrintSummary(TimeSpan elapsed)
    {
        var console = _builder.Console;
        console.Info($"ready in {elapsed.TotalSeconds:0.0} s");
        var shown = _order.Where(r => r.ShowsUrl && r.HttpEndpoint is not null).ToList();
        if (shown.Count == 0)
        {
            shown = _order.Where(r => r.HttpEndpoint is not null).ToList();
        }

        var width = shown.Select(r => r.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var resource in shown)
        {
            console.Info($"  {resource.Name.PadRight(width)}  {resource.HttpEndpoint!.GetLeftPart(UriPartial.Authority)}");
        }

        console.Info("health: " + string.Join(", ", _order.Select(Health)));
    }

    private string Health(Resource resource) => resource.State switch
    {
        ResourceState.Running when _withoutProcess.Contains(resource) => $"{resource.Name} {resource.Kind}",
        ResourceState.Running => $"{resource.Name} healthy",
        ResourceState.Skipped => $"{resource.Name} skipped ({resource.SkipReason})",
        _ => $"{resource.Name} {resource.State.ToString().ToLowerInvariant()}",
    };
}
