namespace Cascade.Tests.Workloads;

public class WorkloadTrackerTests
{
    private static readonly string[] Ladder = ["haiku", "sonnet", "opus"];
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static async Task AddAsync(ICascadeStateStore store, string startTier, bool escalated, int count, bool probe = false)
    {
        for (int i = 0; i < count; i++)
        {
            await store.AppendWorkloadOutcomeAsync("billing", new WorkloadOutcome { At = Now, StartTier = startTier, Escalated = escalated, Probe = probe }, 1000);
        }
    }

    [Fact]
    public async Task ChooseStartTier_StartsAtTheBaseTierWithoutEvidence()
    {
        var tracker = new WorkloadTracker(new InMemoryCascadeStateStore(), random: () => 0.0);

        StartTierChoice choice = await tracker.ChooseStartTierAsync("billing", Ladder, "haiku");

        choice.ShouldBe(new StartTierChoice("haiku", Probe: false, null));
    }

    [Fact]
    public async Task ChooseStartTier_PromotesAWorkloadThatUsuallyEscalates()
    {
        var store = new InMemoryCascadeStateStore();
        await AddAsync(store, "haiku", escalated: false, count: 8);
        await AddAsync(store, "haiku", escalated: true, count: 12);
        var tracker = new WorkloadTracker(store, new WorkloadOptions { MinSamples = 20, ProbeShare = 0.1 }, random: () => 0.5);

        StartTierChoice choice = await tracker.ChooseStartTierAsync("billing", Ladder, "haiku");

        choice.Tier.ShouldBe("sonnet");
        choice.Probe.ShouldBeFalse();
        choice.Reason!.ShouldContain("60%");
    }

    [Fact]
    public async Task ChooseStartTier_ProbesTheTierBelowAtTheProbeShare()
    {
        var store = new InMemoryCascadeStateStore();
        await AddAsync(store, "haiku", escalated: true, count: 20);
        var tracker = new WorkloadTracker(store, new WorkloadOptions { ProbeShare = 0.1 }, random: () => 0.05);

        (await tracker.ChooseStartTierAsync("billing", Ladder, "haiku")).ShouldBe(new StartTierChoice("haiku", true, "probing tier 'haiku' for workload 'billing', which starts at 'sonnet'"));
    }

    [Fact]
    public async Task ChooseStartTier_StaysPromotedWhileTheLowerTierHasTooFewSamples()
    {
        var store = new InMemoryCascadeStateStore();
        await AddAsync(store, "haiku", escalated: true, count: 20);
        await AddAsync(store, "sonnet", escalated: false, count: 30);
        await AddAsync(store, "haiku", escalated: false, count: 5, probe: true);
        var tracker = new WorkloadTracker(store, new WorkloadOptions { WindowSize = 40 }, random: () => 0.99);

        // The window now holds only 5 haiku outcomes (all probes): too few to come down.
        (await tracker.ChooseStartTierAsync("billing", Ladder, "haiku")).Tier.ShouldBe("sonnet");
    }

    [Fact]
    public async Task ChooseStartTier_ComesBackDownWhenProbesSucceed()
    {
        var store = new InMemoryCascadeStateStore();
        await AddAsync(store, "haiku", escalated: true, count: 20);
        await AddAsync(store, "sonnet", escalated: false, count: 30);
        await AddAsync(store, "haiku", escalated: false, count: 20, probe: true);
        var tracker = new WorkloadTracker(store, random: () => 0.99);

        (await tracker.ChooseStartTierAsync("billing", Ladder, "haiku")).ShouldBe(new StartTierChoice("haiku", false, null));
    }

    [Fact]
    public async Task ChooseStartTier_CanClimbMoreThanOneTier()
    {
        var store = new InMemoryCascadeStateStore();
        await AddAsync(store, "haiku", escalated: true, count: 20);
        await AddAsync(store, "sonnet", escalated: true, count: 20);
        var tracker = new WorkloadTracker(store, random: () => 0.99);

        (await tracker.ChooseStartTierAsync("billing", Ladder, "haiku")).Tier.ShouldBe("opus");
    }

    [Fact]
    public async Task ChooseStartTier_UnknownBaseTier_SaysSo()
    {
        var tracker = new WorkloadTracker(new InMemoryCascadeStateStore());

        (await Should.ThrowAsync<ArgumentException>(async () => await tracker.ChooseStartTierAsync("billing", Ladder, "gpt"))).Message.ShouldContain("'gpt' is not on the ladder");
    }

    [Fact]
    public async Task RecordAsync_TurnsTheRouteIntoAnOutcome()
    {
        var store = new InMemoryCascadeStateStore();
        var tracker = new WorkloadTracker(store);
        AttemptRecord Attempt(int seq, string tier, AttemptKind kind, AttemptOutcome outcome, decimal cost) => new()
        {
            RequestId = "r", Sequence = seq, Tier = tier, Deployment = "d", Provider = "p", Model = "m",
            Kind = kind, Outcome = outcome, Billed = true, Cost = cost, StartedAt = Now,
        };
        var route = new CascadeRoute
        {
            RequestId = "r",
            Workload = "billing",
            ResolvedTier = "sonnet",
            Attempts =
            [
                Attempt(1, "haiku", AttemptKind.Initial, AttemptOutcome.Rejected, 0.001m),
                Attempt(2, "sonnet", AttemptKind.Escalation, AttemptOutcome.Failed, 0.002m),
                Attempt(3, "sonnet", AttemptKind.Retry, AttemptOutcome.Accepted, 0.004m),
            ],
        };

        await tracker.RecordAsync(route, Now);

        WorkloadStatistics stats = await tracker.GetStatisticsAsync("billing");
        stats.Requests.ShouldBe(1);
        stats.EscalationRate.ShouldBe(1);
        stats.RetryShare.ShouldBe(1);
        stats.FirstAttemptCost.ShouldBe(0.001m);
        stats.RetryCost.ShouldBe(0.004m);
        stats.SecondStepCost.ShouldBe(0.002m);
        stats.ExpectedCost.ShouldBe(0.007m);
        stats.MeanCost.ShouldBe(0.007m);
        stats.ResolvedShareByTier["sonnet"].ShouldBe(1);
    }
}
