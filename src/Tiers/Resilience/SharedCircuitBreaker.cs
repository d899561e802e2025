using System.Collections.Concurrent;

namespace Cascade;

/// <summary>
/// The circuit breakers of every deployment, with their state in an <see cref="ICascadeStateStore"/> so that
/// replicas sharing a store (Redis in the router) see one circuit per deployment.
/// </summary>
/// <remarks>
/// <para>
/// Polly's own circuit breaker keeps its state inside one pipeline instance and opens on a failure ratio over a
/// sampling window; it can neither read nor write shared state, nor count "N consecutive failures, M successful
/// probes". So this small breaker holds the source article's recipe over <see cref="CircuitSnapshot"/> and is plugged
/// into the tier's Polly pipeline as a strategy of our own (<c>SharedCircuitBreakerStrategy</c>), refusing calls with
/// Polly's <see cref="Polly.CircuitBreaker.BrokenCircuitException"/>.
/// </para>
/// <para>
/// Closed: each counted failure adds one; <see cref="CircuitBreakerOptions.FailureThreshold"/> in a row open it, a
/// success resets the count. Open: calls are refused until <see cref="CircuitBreakerOptions.BreakDuration"/> has
/// passed. Half-open: up to <see cref="CircuitBreakerOptions.MaxConcurrentProbes"/> calls per process go through as
/// probes; <see cref="CircuitBreakerOptions.SuccessThreshold"/> successes close it, one failure opens it again.
/// Updates are read-modify-write on the store: two replicas racing may lose one count, which delays a transition
/// by a call but never leaves a circuit stuck.
/// </para>
/// </remarks>
public sealed class SharedCircuitBreaker
{
    private readonly ICascadeStateStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, StrongBox> _probes = new(StringComparer.Ordinal);

    // Each circuit's last state seen by this process, observed by the cascade.circuit.state gauge.
    private static readonly ConcurrentDictionary<string, CircuitState> s_states = new(StringComparer.Ordinal);
    private static readonly System.Diagnostics.Metrics.Meter s_meter = CreateMeter();

    /// <summary>Initializes the breakers.</summary>
    /// <param name="store">Where circuit state lives.</param>
    /// <param name="options">The recipe.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public SharedCircuitBreaker(ICascadeStateStore store, CircuitBreakerOptions options, TimeProvider? timeProvider = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets the recipe.</summary>
    public CircuitBreakerOptions Options { get; }

    /// <summary>Raised when a circuit changes state: key, old state, new state.</summary>
    public event Action<string, CircuitState, CircuitState>? StateChanged;

    /// <summary>Raised when the state store failed; the breaker then lets calls through (fails open) rather than failing them.</summary>
    public event Action<string, Exception>? StoreFailed;

    /// <summary>Gets a circuit's state (closed when none was written).</summary>
    public async ValueTask<CircuitSnapshot> GetAsync(string circuitKey, CancellationToken cancellationToken = default) =>
        await _store.GetCircuitAsync(circuitKey, cancellationToken) ?? CircuitSnapshot.Closed(_timeProvider.GetUtcNow());

    /// <summary>Asks whether a call to the deployment may go ahead; a granted probe must be released with <see cref="Release"/>.</summary>
    /// <param name="circuitKey">The deployment's circuit key (<see cref="Deployment.CircuitKey(string)"/>).</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>Whether the call may go, whether it is a probe, and when an open circuit will half-open.</returns>
    public async ValueTask<CircuitPermission> TryAcquireAsync(string circuitKey, CancellationToken cancellationToken = default)
    {
        try
        {
            return await AcquireCoreAsync(circuitKey, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A store outage must not take the provider down with it.
            StoreFailed?.Invoke(circuitKey, ex);
            return new(true, false, null);
        }
    }

    private async ValueTask<CircuitPermission> AcquireCoreAsync(string circuitKey, CancellationToken cancellationToken)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        CircuitSnapshot snapshot = await GetAsync(circuitKey, cancellationToken);
        switch (snapshot.State)
        {
            case CircuitState.Closed:
                return new(true, false, null);

            case CircuitState.Open:
                DateTimeOffset halfOpensAt = (snapshot.OpenedAt ?? snapshot.UpdatedAt) + Options.BreakDuration;
                if (now < halfOpensAt)
                {
                    return new(false, false, halfOpensAt - now);
                }

                await WriteAsync(circuitKey, snapshot, snapshot with { State = CircuitState.HalfOpen, ProbeSuccesses = 0, UpdatedAt = now }, cancellationToken);
                return TryProbe(circuitKey);

            default:
                return TryProbe(circuitKey);
        }
    }

    /// <summary>Releases a probe slot granted by <see cref="TryAcquireAsync"/>.</summary>
    public void Release(string circuitKey, CircuitPermission permission)
    {
        if (permission.IsProbe && _probes.TryGetValue(circuitKey, out StrongBox? box))
        {
            Interlocked.Decrement(ref box.Value);
        }
    }

    /// <summary>Records a successful call.</summary>
    /// <returns>The circuit's state after the call.</returns>
    public ValueTask<CircuitState> RecordSuccessAsync(string circuitKey, CancellationToken cancellationToken = default) =>
        GuardAsync(circuitKey, RecordSuccessCoreAsync, cancellationToken);

    /// <summary>Records a failed call whose cause counts against the circuit.</summary>
    /// <returns>The circuit's state after the call.</returns>
    public ValueTask<CircuitState> RecordFailureAsync(string circuitKey, CancellationToken cancellationToken = default) =>
        GuardAsync(circuitKey, RecordFailureCoreAsync, cancellationToken);

    private async ValueTask<CircuitState> GuardAsync(string circuitKey, Func<string, CancellationToken, ValueTask<CircuitState>> record, CancellationToken cancellationToken)
    {
        try
        {
            return await record(circuitKey, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            StoreFailed?.Invoke(circuitKey, ex);
            return CircuitState.Closed;
        }
    }

    private async ValueTask<CircuitState> RecordSuccessCoreAsync(string circuitKey, CancellationToken cancellationToken)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        CircuitSnapshot snapshot = await GetAsync(circuitKey, cancellationToken);
        CircuitSnapshot? next = snapshot.State switch
        {
            CircuitState.Closed when snapshot.ConsecutiveFailures > 0 => snapshot with { ConsecutiveFailures = 0, UpdatedAt = now },
            CircuitState.HalfOpen when snapshot.ProbeSuccesses + 1 >= Options.SuccessThreshold => CircuitSnapshot.Closed(now),
            CircuitState.HalfOpen => snapshot with { ProbeSuccesses = snapshot.ProbeSuccesses + 1, UpdatedAt = now },
            _ => null,
        };

        return next is null ? snapshot.State : await WriteAsync(circuitKey, snapshot, next, cancellationToken);
    }

    private async ValueTask<CircuitState> RecordFailureCoreAsync(string circuitKey, CancellationToken cancellationToken)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        CircuitSnapshot snapshot = await GetAsync(circuitKey, cancellationToken);
        CircuitSnapshot? next = snapshot.State switch
        {
            CircuitState.Closed when snapshot.ConsecutiveFailures + 1 >= Options.FailureThreshold =>
                new CircuitSnapshot(CircuitState.Open, snapshot.ConsecutiveFailures + 1, 0, now, now),
            CircuitState.Closed => snapshot with { ConsecutiveFailures = snapshot.ConsecutiveFailures + 1, UpdatedAt = now },
            CircuitState.HalfOpen => new CircuitSnapshot(CircuitState.Open, snapshot.ConsecutiveFailures, 0, now, now),
            _ => null,
        };

        return next is null ? snapshot.State : await WriteAsync(circuitKey, snapshot, next, cancellationToken);
    }

    private static System.Diagnostics.Metrics.Meter CreateMeter()
    {
        var meter = new System.Diagnostics.Metrics.Meter(CascadeTelemetryNames.SourceName);
        meter.CreateObservableGauge(
            CascadeTelemetryNames.CircuitState,
            () => s_states.Select(pair => new System.Diagnostics.Metrics.Measurement<int>(
                pair.Value switch { CircuitState.Open => 2, CircuitState.HalfOpen => 1, _ => 0 },
                new KeyValuePair<string, object?>("cascade.circuit", pair.Key))),
            "{state}",
            "Each circuit's last known state in this process: 0 closed, 1 half-open, 2 open.");
        return meter;
    }

    private CircuitPermission TryProbe(string circuitKey)
    {
        StrongBox box = _probes.GetOrAdd(circuitKey, _ => new StrongBox());
        if (Interlocked.Increment(ref box.Value) <= Options.MaxConcurrentProbes)
        {
            return new(true, true, null);
        }

        Interlocked.Decrement(ref box.Value);
        return new(false, false, TimeSpan.Zero);
    }

    private async ValueTask<CircuitState> WriteAsync(string circuitKey, CircuitSnapshot previous, CircuitSnapshot next, CancellationToken cancellationToken)
    {
        // Shared state must not be lost to the caller going away halfway through a transition.
        _ = cancellationToken;
        await _store.SetCircuitAsync(circuitKey, next, CancellationToken.None);
        s_states[circuitKey] = next.State;
        if (previous.State != next.State)
        {
            StateChanged?.Invoke(circuitKey, previous.State, next.State);
        }

        return next.State;
    }

    private sealed class StrongBox
    {
        public int Value;
    }
}

/// <summary>The answer of <see cref="SharedCircuitBreaker.TryAcquireAsync"/>.</summary>
/// <param name="Allowed">Whether the call may go ahead.</param>
/// <param name="IsProbe">Whether the call is a half-open probe.</param>
/// <param name="RetryAfter">When refused: how long until the circuit lets a probe through.</param>
public readonly record struct CircuitPermission(bool Allowed, bool IsProbe, TimeSpan? RetryAfter);
