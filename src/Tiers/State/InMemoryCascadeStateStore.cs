using System.Collections.Concurrent;

namespace Cascade;

/// <summary>A process-local <see cref="ICascadeStateStore"/>: circuits in a dictionary, outcomes and attempts in bounded rings.</summary>
public sealed class InMemoryCascadeStateStore : ICascadeStateStore
{
    private readonly ConcurrentDictionary<string, CircuitSnapshot> _circuits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LinkedList<WorkloadOutcome>> _outcomes = new(StringComparer.Ordinal);
    private readonly LinkedList<AttemptRecord> _attempts = new();
    private readonly Lock _attemptsLock = new();

    /// <summary>Initializes a store keeping at most <paramref name="attemptCapacity"/> attempts.</summary>
    /// <param name="attemptCapacity">The attempt ring's size; the oldest attempts are dropped first.</param>
    public InMemoryCascadeStateStore(int attemptCapacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptCapacity, 1);
        AttemptCapacity = attemptCapacity;
    }

    /// <summary>Gets the attempt ring's size.</summary>
    public int AttemptCapacity { get; }

    /// <inheritdoc/>
    public ValueTask<CircuitSnapshot?> GetCircuitAsync(string circuitKey, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_circuits.TryGetValue(circuitKey, out CircuitSnapshot? snapshot) ? snapshot : null);

    /// <inheritdoc/>
    public ValueTask SetCircuitAsync(string circuitKey, CircuitSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _circuits[circuitKey] = snapshot;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask AppendWorkloadOutcomeAsync(string workload, WorkloadOutcome outcome, int windowSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1);
        LinkedList<WorkloadOutcome> window = _outcomes.GetOrAdd(workload, _ => new());
        lock (window)
        {
            window.AddFirst(outcome);
            while (window.Count > windowSize)
            {
                window.RemoveLast();
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<WorkloadOutcome>> GetWorkloadOutcomesAsync(string workload, int max, CancellationToken cancellationToken = default)
    {
        if (!_outcomes.TryGetValue(workload, out LinkedList<WorkloadOutcome>? window))
        {
            return ValueTask.FromResult<IReadOnlyList<WorkloadOutcome>>([]);
        }

        lock (window)
        {
            return ValueTask.FromResult<IReadOnlyList<WorkloadOutcome>>(window.Take(max).ToArray());
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<string>> GetWorkloadsAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<string>>(_outcomes.Keys.Order(StringComparer.Ordinal).ToArray());

    /// <inheritdoc/>
    public ValueTask AppendAttemptsAsync(IReadOnlyList<AttemptRecord> attempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        lock (_attemptsLock)
        {
            foreach (AttemptRecord attempt in attempts)
            {
                _attempts.AddFirst(attempt);
            }

            while (_attempts.Count > AttemptCapacity)
            {
                _attempts.RemoveLast();
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string requestId, CancellationToken cancellationToken = default)
    {
        lock (_attemptsLock)
        {
            return ValueTask.FromResult<IReadOnlyList<AttemptRecord>>(
                _attempts.Where(a => a.RequestId == requestId).OrderBy(a => a.Sequence).ToArray());
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<AttemptRecord>> GetRecentAttemptsAsync(int max, CancellationToken cancellationToken = default)
    {
        lock (_attemptsLock)
        {
            return ValueTask.FromResult<IReadOnlyList<AttemptRecord>>(_attempts.Take(max).ToArray());
        }
    }
}
