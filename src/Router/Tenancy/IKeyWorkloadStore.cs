namespace Cascade.Router;

/// <summary>
/// The workloads each API key created by tagging requests with a name the configuration does not define, so a key
/// sees only its own in <c>GET /v1/models</c> and creates at most as many as its policy allows.
/// </summary>
public interface IKeyWorkloadStore
{
    /// <summary>Records that <paramref name="keyId"/> uses <paramref name="workload"/>, unless that would take it past <paramref name="max"/> workloads.</summary>
    ValueTask<WorkloadClaim> ClaimAsync(string keyId, string workload, int max, CancellationToken cancellationToken = default);

    /// <summary>Lists the workloads <paramref name="keyId"/> created, in ordinal order.</summary>
    ValueTask<IReadOnlyList<string>> ListAsync(string keyId, CancellationToken cancellationToken = default);
}
