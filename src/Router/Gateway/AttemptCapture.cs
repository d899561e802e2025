using System.Collections.Concurrent;

namespace Cascade.Router;

/// <summary>
/// The cascade's <see cref="ICascadeStateStore"/> as the router registers it: the real store (Redis or in memory),
/// with the attempts of requests the gateway is watching kept aside, so a request that ends without a route (the
/// caller went away) is still settled to the cost of the attempts it made.
/// </summary>
/// <remarks>The cascade writes a request's attempts as it finishes, before its answer or exception reaches the gateway.</remarks>
public sealed class AttemptCapture : ICascadeStateStore
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<AttemptRecord>> _watched = new(StringComparer.Ordinal);

    /// <summary>Initializes the capture over the real store.</summary>
    public AttemptCapture(ICascadeStateStore inner) => Inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>Gets the real store.</summary>
    public ICascadeStateStore Inner { get; }

    /// <summary>Starts keeping the attempts of <paramref name="requestId"/>; dispose the result to stop.</summary>
    public Watch Start(string requestId)
    {
        ConcurrentQueue<AttemptRecord> attempts = new();
        _watched[requestId] = attempts;
        return new Watch(this, requestId, attempts);
    }

    /// <inheritdoc/>
    public ValueTask AppendAttemptsAsync(IReadOnlyList<AttemptRecord> attempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        foreach (AttemptRecord attempt in attempts)
        {
            if (_watched.TryGetValue(attempt.RequestId, out ConcurrentQueue<AttemptRecord>? kept))
            {
                kept.Enqueue(attempt);
            }
        }

        return Inner.AppendAttemptsAsync(attempts, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<CircuitSnapshot?> GetCircuitAsync(string circuitKey, CancellationToken cancellationToken = default) => Inner.GetCircuitAsync(circuitKey, cancellationToken);

    /// <inheritdoc/>
    public ValueTask SetCircuitAsync(string circuitKey, CircuitSnapshot snapshot, CancellationToken cancellationToken = default) => Inner.SetCircuitAsync(circuitKey, snapshot, cancellationToken);

    /// <inheritdoc/>
    public ValueTask AppendWorkloadOutcomeAsync(string workload, WorkloadOutcome outcome, int windowSize, CancellationToken cancellationToken = default) =>
        Inner.AppendWorkloadOutcomeAsync(workload, outcome, windowSize, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<WorkloadOutcome>> GetWorkloadOutcomesAsync(string workload, int max, CancellationToken cancellationToken = default) =>
        Inner.GetWorkloadOutcomesAsync(workload, max, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<string>> GetWorkloadsAsync(CancellationToken cancellationToken = default) => Inner.GetWorkloadsAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string requestId, CancellationToken cancellationToken = default) => Inner.GetAttemptsAsync(requestId, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<AttemptRecord>> GetRecentAttemptsAsync(int max, CancellationToken cancellationToken = default) => Inner.GetRecentAttemptsAsync(max, cancellationToken);

    /// <summary>The attempts kept for one request.</summary>
    public sealed class Watch : IDisposable
    {
        private readonly AttemptCapture _owner;
        private readonly string _requestId;
        private readonly ConcurrentQueue<AttemptRecord> _attempts;

        internal Watch(AttemptCapture owner, string requestId, ConcurrentQueue<AttemptRecord> attempts)
        {
            _owner = owner;
            _requestId = requestId;
            _attempts = attempts;
        }

        /// <summary>Gets the attempts written so far.</summary>
        public IReadOnlyList<AttemptRecord> Attempts => _attempts.ToArray();

        /// <summary>Gets the cost of the billed attempts written so far.</summary>
        public decimal BilledCost => _attempts.Where(a => a.Billed).Sum(a => a.Cost);

        /// <inheritdoc/>
        public void Dispose() => _owner._watched.TryRemove(KeyValuePair.Create(_requestId, _attempts));
    }
}
