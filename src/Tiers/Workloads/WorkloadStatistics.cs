namespace Cascade;

/// <summary>
/// A workload's numbers over its recent window: escalation rate, fallback and retry shares, where requests
/// resolve, and the expected cost per request <c>E = C1 + Pfb·C2 + Prt·Crt</c>.
/// </summary>
/// <remarks>
/// C1 is the mean cost of the first attempt; Pfb the share of requests that took a second step (a cost
/// escalation or a reliability fallback) and C2 the mean cost of those steps when taken; Prt the share of
/// requests with a retry and Crt the mean retry cost when retried.
/// </remarks>
public sealed record WorkloadStatistics
{
    /// <summary>Gets the workload.</summary>
    public required string Workload { get; init; }

    /// <summary>Gets the number of outcomes in the window.</summary>
    public int Requests { get; init; }

    /// <summary>Gets the share of requests whose first tier's answer was rejected.</summary>
    public double EscalationRate { get; init; }

    /// <summary>Gets the share of requests with a reliability fallback.</summary>
    public double FallbackShare { get; init; }

    /// <summary>Gets the share of requests with a retry (Prt).</summary>
    public double RetryShare { get; init; }

    /// <summary>Gets the share of requests that took a second step, escalation or fallback (Pfb).</summary>
    public double SecondStepShare { get; init; }

    /// <summary>Gets the mean cost of the first attempt (C1).</summary>
    public decimal FirstAttemptCost { get; init; }

    /// <summary>Gets the mean cost of the second steps when taken (C2).</summary>
    public decimal SecondStepCost { get; init; }

    /// <summary>Gets the mean cost of retries when retried (Crt).</summary>
    public decimal RetryCost { get; init; }

    /// <summary>Gets <c>E = C1 + Pfb·C2 + Prt·Crt</c>.</summary>
    public decimal ExpectedCost => FirstAttemptCost + ((decimal)SecondStepShare * SecondStepCost) + ((decimal)RetryShare * RetryCost);

    /// <summary>Gets the observed mean cost per request.</summary>
    public decimal MeanCost { get; init; }

    /// <summary>Gets the share of requests resolved at each tier.</summary>
    public IReadOnlyDictionary<string, double> ResolvedShareByTier { get; init; } = new Dictionary<string, double>();

    /// <summary>Computes the statistics of a window of outcomes.</summary>
    public static WorkloadStatistics From(string workload, IReadOnlyList<WorkloadOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            return new WorkloadStatistics { Workload = workload };
        }

        double n = outcomes.Count;
        WorkloadOutcome[] second = outcomes.Where(o => o.Escalated || o.FellBack).ToArray();
        WorkloadOutcome[] retried = outcomes.Where(o => o.Retried).ToArray();
        return new WorkloadStatistics
        {
            Workload = workload,
            Requests = outcomes.Count,
            EscalationRate = outcomes.Count(o => o.Escalated) / n,
            FallbackShare = outcomes.Count(o => o.FellBack) / n,
            RetryShare = retried.Length / n,
            SecondStepShare = second.Length / n,
            FirstAttemptCost = outcomes.Average(o => o.FirstAttemptCost),
            SecondStepCost = second.Length == 0 ? 0 : second.Average(o => o.TotalCost - o.FirstAttemptCost - o.RetryCost),
            RetryCost = retried.Length == 0 ? 0 : retried.Average(o => o.RetryCost),
            MeanCost = outcomes.Average(o => o.TotalCost),
            ResolvedShareByTier = outcomes
                .GroupBy(o => o.ResolvedTier ?? "(none)")
                .ToDictionary(g => g.Key, g => g.Count() / n),
        };
    }
}
