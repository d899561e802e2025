namespace Cascade.Tests.Workloads;

public class WorkloadStatisticsTests
{
    [Fact]
    public void ExpectedCost_FollowsTheFormula()
    {
        var at = DateTimeOffset.UnixEpoch;
        WorkloadOutcome[] outcomes =
        [
            new() { At = at, StartTier = "haiku", ResolvedTier = "haiku", FirstAttemptCost = 0.001m, TotalCost = 0.001m },
            new() { At = at, StartTier = "haiku", ResolvedTier = "haiku", FirstAttemptCost = 0.001m, TotalCost = 0.001m },
            new() { At = at, StartTier = "haiku", ResolvedTier = "opus", Escalated = true, FirstAttemptCost = 0.001m, TotalCost = 0.011m },
            new() { At = at, StartTier = "haiku", ResolvedTier = "haiku", Retried = true, FirstAttemptCost = 0.001m, RetryCost = 0.001m, TotalCost = 0.002m },
        ];

        WorkloadStatistics stats = WorkloadStatistics.From("faq", outcomes);

        // C1 = 0.001, Pfb = 1/4, C2 = 0.010, Prt = 1/4, Crt = 0.001 -> E = 0.001 + 0.0025 + 0.00025.
        stats.ExpectedCost.ShouldBe(0.00375m);
        stats.MeanCost.ShouldBe(0.00375m);
        stats.EscalationRate.ShouldBe(0.25);
        stats.ResolvedShareByTier["haiku"].ShouldBe(0.75);
    }

    [Fact]
    public void From_EmptyWindow_IsZero() => WorkloadStatistics.From("faq", []).ExpectedCost.ShouldBe(0m);
}
