namespace Cascade.Router;

/// <summary>
/// The expected cost per request <c>E = C1 + Pfb·C2 + Prt·Crt</c> of a workload, with its terms, as
/// <see cref="WorkloadStatistics"/> computes it.
/// </summary>
/// <param name="C1">The mean cost of the first attempt.</param>
/// <param name="Pfb">The share of requests that took a second step (a cost escalation or a reliability fallback).</param>
/// <param name="C2">The mean cost of those second steps when taken.</param>
/// <param name="Prt">The share of requests with a retry.</param>
/// <param name="Crt">The mean cost of the retries when retried.</param>
/// <param name="E">The expected cost per request.</param>
public sealed record ExpectedCost(decimal C1, double Pfb, decimal C2, double Prt, decimal Crt, decimal E)
{
    /// <summary>Gets the terms of a workload's statistics.</summary>
    public static ExpectedCost Of(WorkloadStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return new(statistics.FirstAttemptCost, statistics.SecondStepShare, statistics.SecondStepCost, statistics.RetryShare, statistics.RetryCost, statistics.ExpectedCost);
    }
}
