using Cascade.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static Cascade.Tests.Cascading.CascadeTestKit;

namespace Cascade.Tests.Cascading;

public sealed class CascadeObservabilityTests
{
    [Fact]
    public async Task Request_RecordsASpanPerRequestAndPerAttempt_AndTheRequestMetrics()
    {
        using var spans = new ActivityCollector(CascadeTelemetryNames.SourceName);
        using var telemetry = new CascadeTelemetry();
        using var requests = new MetricCollector<long>(telemetry.Meter, CascadeTelemetryNames.Requests);
        using var escalations = new MetricCollector<long>(telemetry.Meter, CascadeTelemetryNames.Escalations);
        using var cost = new MetricCollector<double>(telemetry.Meter, CascadeTelemetryNames.RequestCost);
        string id = Guid.NewGuid().ToString("N");
        IChatClient client = NewCascade(TestChatClient.Answering("strong", 10, 4),
            l => l.Add(Tier("cheap", TestChatClient.Answering("I'm not sure", 10, 3), Cheap), TestGate.RejectingWhen("not sure")),
            c => c.Telemetry = telemetry);
        ChatOptions options = With(CascadeOptionKeys.RequestId, id);
        options.AdditionalProperties![CascadeOptionKeys.Workload] = "billing";

        ChatResponse response = await client.GetResponseAsync(Ask("q"), options);

        var mine = spans.Stopped.Where(a => Equals(a.GetTagItem(CascadeTelemetryNames.Tags.RequestId), id)).ToList();
        mine.Count(a => a.OperationName == CascadeTelemetryNames.RequestActivity).ShouldBe(1);
        var attempts = mine.Where(a => a.OperationName.StartsWith("chat ", StringComparison.Ordinal)).ToList();
        attempts.Select(a => a.GetTagItem(CascadeTelemetryNames.Tags.Tier)).ShouldBe(["cheap", "strong"]);
        attempts[0].GetTagItem(CascadeTelemetryNames.Tags.Verdict).ShouldBe("reject");
        attempts[1].GetTagItem(CascadeTelemetryNames.Tags.AttemptKind).ShouldBe("escalation");
        attempts[0].GetTagItem(CascadeTelemetryNames.GenAI.InputTokens).ShouldBe(10L);
        requests.GetMeasurementSnapshot().ShouldContain(m => Equals(m.Tags[CascadeTelemetryNames.Tags.ResolvedTier], "strong") && Equals(m.Tags[CascadeTelemetryNames.Tags.Workload], "billing"));
        escalations.GetMeasurementSnapshot().ShouldContain(m => Equals(m.Tags[CascadeTelemetryNames.Tags.Workload], "billing") && Equals(m.Tags[CascadeTelemetryNames.Tags.Tier], "strong"));
        cost.GetMeasurementSnapshot().ShouldContain(m => Math.Abs(m.Value - (double)response.GetCascadeRoute()!.TotalCost) < 1e-12);
    }

    [Fact]
    public async Task AttemptLog_HoldsEveryFieldOfEveryAttempt()
    {
        var store = new InMemoryCascadeStateStore();
        IChatClient client = NewCascade(TestChatClient.Answering("strong", 12, 4),
            l => l.Add(Tier("cheap", TestChatClient.Answering("bad", 10, 3), Cheap), TestGate.Rejecting()),
            c => c.StateStore = store);

        await client.GetResponseAsync(Ask("q"), With(CascadeOptionKeys.RequestId, "log-1"));

        IReadOnlyList<AttemptRecord> log = await store.GetAttemptsAsync("log-1");
        log.Count.ShouldBe(2);
        AttemptRecord first = log[0];
        (first.Tier, first.Deployment, first.Model, first.Kind, first.Outcome, first.Billed).ShouldBe(("cheap", "cheap", "cheap-model", AttemptKind.Initial, AttemptOutcome.Rejected, true));
        first.Usage.ShouldBe(new TokenUsage(10, 3));
        first.Cost.ShouldBe(Cheap.CostOf(10, 3));
        first.Verdict!.Reason.ShouldBe("never good enough");
        first.TimeToFirstToken.ShouldNotBeNull();
        AttemptRecord second = log[1];
        (second.Kind, second.SwitchCause, second.Outcome).ShouldBe((AttemptKind.Escalation, "reject: never good enough", AttemptOutcome.Kept));
        log.Sum(a => a.Cost).ShouldBe(Cheap.CostOf(10, 3) + Strong.CostOf(12, 4));
    }

    [Fact]
    public async Task TokenCeiling_StopsTheChainBeforeItIsCrossed()
    {
        var strong = TestChatClient.Answering("strong");
        IChatClient client = NewCascade(strong, l => l.Add(Tier("cheap", TestChatClient.Answering("bad", 40, 10), Cheap), TestGate.Rejecting()),
            c => c.DefaultLimits = new RequestLimits { MaxTokens = 120 });

        ChatResponse response = await client.GetResponseAsync(Ask("q"), new ChatOptions { MaxOutputTokens = 100 });

        strong.CallCount.ShouldBe(0);
        response.GetCascadeRoute()!.StopReason!.ShouldContain("Tokens ceiling");
        response.GetCascadeRoute()!.TotalUsage.TotalTokens.ShouldBeLessThanOrEqualTo(120);
    }

    [Fact]
    public async Task PromotedWorkload_StartsOneTierHigher()
    {
        var store = new InMemoryCascadeStateStore();
        var tracker = new WorkloadTracker(store, new WorkloadOptions { MinSamples = 3, ProbeShare = 0 });
        var cheap = TestChatClient.Answering("bad");
        var middle = TestChatClient.Answering("middle");
        IChatClient client = NewCascade(TestChatClient.Answering("strong"), l => l
            .Add(Tier("cheap", cheap, Cheap), TestGate.Rejecting())
            .Add(Tier("middle", middle, Middle), TestGate.Accepting()),
            c => c.Workloads = tracker);
        ChatOptions options = With(CascadeOptionKeys.Workload, "legal");

        for (int i = 0; i < 3; i++)
        {
            await client.GetResponseAsync(Ask("q"), options);
        }

        (await store.GetWorkloadOutcomesAsync("legal", 10)).Count.ShouldBe(3);
        ChatResponse promoted = await client.GetResponseAsync(Ask("q"), options);

        cheap.CallCount.ShouldBe(3);
        promoted.GetCascadeRoute()!.Decision!.StartTier.ShouldBe("middle");
        promoted.GetCascadeRoute()!.Decision!.Reason!.ShouldContain("promoted");
        promoted.GetCascadeRoute()!.Attempts.Single().Tier.ShouldBe("middle");
        (await tracker.GetStatisticsAsync("legal")).EscalationRate.ShouldBeGreaterThan(0.5);
    }
}
