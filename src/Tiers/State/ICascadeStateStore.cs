namespace Cascade;

/// <summary>
/// The state the cascade shares between requests and, with a distributed implementation, between replicas:
/// circuits, workload outcomes and the attempt log.
/// </summary>
/// <remarks>
/// <see cref="InMemoryCascadeStateStore"/> serves a single process; the router supplies a Redis implementation.
/// Implementations are thread-safe and never throw for a missing key.
/// </remarks>
public interface ICascadeStateStore
{
    /// <summary>Gets a deployment's circuit, or <see langword="null"/> when none was written.</summary>
    ValueTask<CircuitSnapshot?> GetCircuitAsync(string circuitKey, CancellationToken cancellationToken = default);

    /// <summary>Writes a deployment's circuit.</summary>
    ValueTask SetCircuitAsync(string circuitKey, CircuitSnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>Appends a request's outcome to its workload's window, keeping at most <paramref name="windowSize"/> outcomes.</summary>
    ValueTask AppendWorkloadOutcomeAsync(string workload, WorkloadOutcome outcome, int windowSize, CancellationToken cancellationToken = default);

    /// <summary>Gets a workload's most recent outcomes, newest first.</summary>
    ValueTask<IReadOnlyList<WorkloadOutcome>> GetWorkloadOutcomesAsync(string workload, int max, CancellationToken cancellationToken = default);

    /// <summary>Gets the workloads that have outcomes.</summary>
    ValueTask<IReadOnlyList<string>> GetWorkloadsAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends attempts to the attempt log.</summary>
    ValueTask AppendAttemptsAsync(IReadOnlyList<AttemptRecord> attempts, CancellationToken cancellationToken = default);

    /// <summary>Gets every logged attempt of a request, in order; empty when none are kept.</summary>
    ValueTask<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>Gets the most recent attempts, newest first.</summary>
    ValueTask<IReadOnlyList<AttemptRecord>> GetRecentAttemptsAsync(int max, CancellationToken cancellationToken = default);
}
