namespace Cascade.Router;

/// <summary>The answer to a key's claim of a workload name.</summary>
/// <param name="Allowed">Whether the key may use the workload (it already had it, or it was under its bound).</param>
/// <param name="Workloads">The workloads the key has created, after the claim.</param>
public sealed record WorkloadClaim(bool Allowed, IReadOnlyList<string> Workloads);
