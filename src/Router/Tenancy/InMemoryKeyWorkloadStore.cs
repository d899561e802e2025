namespace Cascade.Router;

/// <summary>A process-local <see cref="IKeyWorkloadStore"/>; each key's set is bounded by its policy.</summary>
public sealed class InMemoryKeyWorkloadStore : IKeyWorkloadStore
{
    private readonly Dictionary<string, HashSet<string>> _byKey = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <inheritdoc/>
    public ValueTask<WorkloadClaim> ClaimAsync(string keyId, string workload, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(workload);
        lock (_lock)
        {
            if (!_byKey.TryGetValue(keyId, out HashSet<string>? workloads))
            {
                _byKey[keyId] = workloads = new(StringComparer.Ordinal);
            }

            bool allowed = workloads.Contains(workload) || (workloads.Count < max && workloads.Add(workload));
            return ValueTask.FromResult(new WorkloadClaim(allowed, workloads.Order(StringComparer.Ordinal).ToArray()));
        }
    }

    /// <summary>Adds a workload without a bound (a copy of what was written elsewhere).</summary>
    internal void Add(string keyId, string workload)
    {
        lock (_lock)
        {
            if (!_byKey.TryGetValue(keyId, out HashSet<string>? workloads))
            {
                _byKey[keyId] = workloads = new(StringComparer.Ordinal);
            }

            workloads.Add(workload);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<string>> ListAsync(string keyId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<string>>(
                _byKey.TryGetValue(keyId, out HashSet<string>? workloads) ? workloads.Order(StringComparer.Ordinal).ToArray() : []);
        }
    }
}
