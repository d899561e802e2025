namespace Cascade.Router;

/// <summary>The body of <c>GET /v1/stats</c>: what the cascade did with the caller's recent requests.</summary>
/// <param name="Requests">The requests counted (the caller's most recent, up to <see cref="RouterOptions.StatsWindow"/>, with attempts in the attempt log).</param>
/// <param name="BlendedCostPerRequest">The mean billed USD per request, every attempt included.</param>
/// <param name="FallbackShare">The share of requests with at least one reliability fallback.</param>
/// <param name="RetriesPerRequest">The mean number of retries per request.</param>
/// <param name="EscalationShare">The share of requests with at least one cost escalation.</param>
/// <param name="Tiers">Per tier: how many requests it resolved, and their share.</param>
/// <param name="Workloads">Per workload: its escalation rate, cost and expected cost E.</param>
/// <param name="DurationMs">Percentiles of the request duration (first attempt's start to last attempt's end), in milliseconds.</param>
/// <param name="TimeToFirstTokenMs">Percentiles of the time to the kept answer's first token from the first attempt's start, in milliseconds.</param>
/// <param name="TopTier">The ladder's top tier, the saving's reference.</param>
/// <param name="TopTierCostPerRequest">The mean USD the requests would have cost sent straight to the top tier (their prompt and kept answer at its price).</param>
/// <param name="SavingPerRequest">The top tier's cost per request less the blended cost.</param>
/// <param name="SavingShare">The saving as a share of the top tier's cost (0 when that is 0).</param>
/// <param name="Keys">Per API key, the same figures over its requests; only for the admin.</param>
/// <param name="Alarms">The active alarms: those on shared conditions and on the caller's own spend (every alarm for the admin).</param>
public sealed record RouterStats(
    int Requests,
    decimal BlendedCostPerRequest,
    double FallbackShare,
    double RetriesPerRequest,
    double EscalationShare,
    IReadOnlyList<TierStats> Tiers,
    IReadOnlyList<WorkloadStats> Workloads,
    Percentiles? DurationMs = null,
    Percentiles? TimeToFirstTokenMs = null,
    string? TopTier = null,
    decimal TopTierCostPerRequest = 0,
    decimal SavingPerRequest = 0,
    double SavingShare = 0,
    IReadOnlyList<KeyStats>? Keys = null,
    IReadOnlyList<Alarm>? Alarms = null);

/// <summary>A tier's share of resolved requests.</summary>
/// <param name="Tier">The tier.</param>
/// <param name="Resolved">Requests whose kept answer came from it.</param>
/// <param name="Share">Its share of all counted requests.</param>
public sealed record TierStats(string Tier, int Resolved, double Share);

/// <summary>A workload's behaviour over the caller's recent requests tagged with it.</summary>
/// <param name="Workload">The workload.</param>
/// <param name="Requests">Its requests counted.</param>
/// <param name="EscalationRate">The share whose start tier's answer was rejected.</param>
/// <param name="FallbackShare">The share with a reliability fallback.</param>
/// <param name="BlendedCostPerRequest">The mean USD per request.</param>
/// <param name="Expected">The expected cost per request E with its terms.</param>
public sealed record WorkloadStats(string Workload, int Requests, double EscalationRate, double FallbackShare, decimal BlendedCostPerRequest, ExpectedCost? Expected = null);

/// <summary>The body of <c>GET /v1/requests/{id}</c>: every attempt of one request.</summary>
/// <param name="RequestId">The request id.</param>
/// <param name="TotalCost">The billed USD over every attempt.</param>
/// <param name="InputTokens">The billed input tokens.</param>
/// <param name="OutputTokens">The billed output tokens.</param>
/// <param name="Attempts">The attempts, in order.</param>
public sealed record RequestLog(string RequestId, decimal TotalCost, long InputTokens, long OutputTokens, IReadOnlyList<AttemptRecord> Attempts);
