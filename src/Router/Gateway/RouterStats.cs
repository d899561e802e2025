namespace Cascade.Router;

/// <summary>The body of <c>GET /v1/stats</c>: what the cascade did with recent requests.</summary>
/// <param name="Requests">The requests counted (those with attempts in the recent attempt log).</param>
/// <param name="BlendedCostPerRequest">The mean billed USD per request, every attempt included.</param>
/// <param name="FallbackShare">The share of requests with at least one reliability fallback.</param>
/// <param name="RetriesPerRequest">The mean number of retries per request.</param>
/// <param name="EscalationShare">The share of requests with at least one cost escalation.</param>
/// <param name="Tiers">Per tier: how many requests it resolved, and their share.</param>
/// <param name="Workloads">Per workload: its recent escalation rate and cost.</param>
public sealed record RouterStats(
    int Requests,
    decimal BlendedCostPerRequest,
    double FallbackShare,
    double RetriesPerRequest,
    double EscalationShare,
    IReadOnlyList<TierStats> Tiers,
    IReadOnlyList<WorkloadStats> Workloads);

/// <summary>A tier's share of resolved requests.</summary>
/// <param name="Tier">The tier.</param>
/// <param name="Resolved">Requests whose kept answer came from it.</param>
/// <param name="Share">Its share of all counted requests.</param>
public sealed record TierStats(string Tier, int Resolved, double Share);

/// <summary>A workload's recent behaviour, from its outcome window.</summary>
/// <param name="Workload">The workload.</param>
/// <param name="Requests">Requests in the window.</param>
/// <param name="EscalationRate">The share that escalated.</param>
/// <param name="FallbackShare">The share with a reliability fallback.</param>
/// <param name="BlendedCostPerRequest">The mean USD per request.</param>
public sealed record WorkloadStats(string Workload, int Requests, double EscalationRate, double FallbackShare, decimal BlendedCostPerRequest);

/// <summary>The body of <c>GET /v1/requests/{id}</c>: every attempt of one request.</summary>
/// <param name="RequestId">The request id.</param>
/// <param name="TotalCost">The billed USD over every attempt.</param>
/// <param name="InputTokens">The billed input tokens.</param>
/// <param name="OutputTokens">The billed output tokens.</param>
/// <param name="Attempts">The attempts, in order.</param>
public sealed record RequestLog(string RequestId, decimal TotalCost, long InputTokens, long OutputTokens, IReadOnlyList<AttemptRecord> Attempts);
