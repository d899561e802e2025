using Cascade.Testing;
using Microsoft.Extensions.AI;

namespace Cascade.Tests.Gates;

public class GatePipelineTests
{
    [Fact]
    public async Task EvaluateAsync_FirstRejectionStopsLaterGates()
    {
        var later = new CountingGate("later", GateDecision.Accept);
        var pipeline = new GatePipeline([new CutOffGate(), new HedgingGate(), later]);

        GatePipelineResult result = await pipeline.EvaluateAsync(GateContexts.For("I think it depends."));

        result.Decision.ShouldBe(GateDecision.Reject);
        result.Verdict.Gate.ShouldBe("hedging");
        result.ResolvedByAbstention.ShouldBeFalse();
        result.Verdicts.Select(v => v.Gate).ShouldBe(["cut-off", "hedging"]);
        later.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task EvaluateAsync_FirstAcceptanceSkipsCostlierGates()
    {
        var judge = new CountingGate("judge", GateDecision.Reject, GateCost.ModelCall);
        var pipeline = new GatePipeline([judge, new CountingGate("logprob", GateDecision.Accept)]);

        GatePipelineResult result = await pipeline.EvaluateAsync(GateContexts.For("Paris"));

        result.IsAccepted.ShouldBeTrue();
        result.Verdict.Gate.ShouldBe("logprob");
        judge.Calls.ShouldBe(0);
        pipeline.Gates.Select(g => g.Name).ShouldBe(["logprob", "judge"]);
    }

    [Fact]
    public async Task EvaluateAsync_AllAbstainFollowsTheWorkloadsRule()
    {
        var options = new GatePipelineOptions();
        options.WorkloadAbstention["medical"] = AbstentionRule.Reject;
        var pipeline = new GatePipeline([new CutOffGate(), new HedgingGate()], options);

        GatePipelineResult general = await pipeline.EvaluateAsync(GateContexts.For("Paris", workload: "general"));
        GatePipelineResult medical = await pipeline.EvaluateAsync(GateContexts.For("Paris", workload: "Medical"));

        general.Decision.ShouldBe(GateDecision.Accept);
        general.Verdict.Reason.ShouldBe("every gate abstained; rule: accept");
        general.Verdicts.Count.ShouldBe(2);
        medical.Decision.ShouldBe(GateDecision.Reject);
        medical.Verdict.Gate.ShouldBe(GatePipelineResult.PipelineGateName);
        medical.ResolvedByAbstention.ShouldBeTrue();
    }

    [Fact]
    public async Task EvaluateAsync_CalibratedAbstentionAppliesPerWorkloadAndModel()
    {
        var options = new GatePipelineOptions
        {
            Calibration = new GateCalibration
            {
                Workloads = { ["mmlu"] = new WorkloadCalibration { Abstention = AbstentionRule.Accept, Models = { ["small-model"] = new ModelCalibration { Abstention = AbstentionRule.Reject } } } },
            },
        };
        options.WorkloadAbstention["trivia"] = AbstentionRule.Reject;
        var pipeline = new GatePipeline([new HedgingGate()], options);

        (await pipeline.EvaluateAsync(GateContexts.For("B", workload: "mmlu"))).IsRejected.ShouldBeTrue();
        (await pipeline.EvaluateAsync(GateContexts.For("B", workload: "mmlu", model: "big-model"))).IsAccepted.ShouldBeTrue();
        (await pipeline.EvaluateAsync(GateContexts.For("B", workload: "trivia", model: "big-model"))).IsRejected.ShouldBeTrue();
        (await pipeline.EvaluateAsync(GateContexts.For("B", workload: "other"))).IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public async Task EvaluateAsync_DefaultRejectRuleEscalatesWithoutAPositiveSignal()
    {
        var pipeline = new GatePipeline([new LogprobConfidenceGate()], new GatePipelineOptions { Abstention = AbstentionRule.Reject });

        (await pipeline.EvaluateAsync(GateContexts.For("Paris"))).IsRejected.ShouldBeTrue();
    }

    [Fact]
    public async Task EvaluateAsync_ToolCallTurnPassesWithoutRunningGates()
    {
        var gate = new CountingGate("any", GateDecision.Reject);
        var pipeline = new GatePipeline([gate], new GatePipelineOptions { Abstention = AbstentionRule.Reject });

        GatePipelineResult result = await pipeline.EvaluateAsync(GateContexts.For(ChatResponses.ToolCall("call-1", "get_order", new Dictionary<string, object?> { ["id"] = 42 })));

        result.Decision.ShouldBe(GateDecision.Accept);
        result.Verdict.Reason.ShouldBe("tool call");
        result.Verdicts.ShouldBeEmpty();
        gate.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task EvaluateAsync_LastTierIsKeptWithoutGatesUnlessConfigured()
    {
        var gate = new CountingGate("judge", GateDecision.Reject, GateCost.ModelCall);

        GatePipelineResult skipped = await new GatePipeline([gate]).EvaluateAsync(GateContexts.For("Paris", isLastTier: true));
        GatePipelineResult evaluated = await new GatePipeline([gate], new GatePipelineOptions { EvaluateLastTier = true }).EvaluateAsync(GateContexts.For("Paris", isLastTier: true));

        skipped.IsAccepted.ShouldBeTrue();
        skipped.Verdict.Reason.ShouldBe("last tier");
        evaluated.IsRejected.ShouldBeTrue();
        gate.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task ShapeRequestAndResponse_ApplyTheSelfDoubtGate()
    {
        var pipeline = new GatePipeline([new CutOffGate(), new SelfDoubtGate()]);
        var caller = new ChatOptions { Instructions = "Be brief." };

        ChatOptions? sent = pipeline.ShapeRequest(caller);
        GatePipelineResult result = await pipeline.EvaluateAsync(GateContexts.For("UNSURE: perhaps Lyon", options: sent));
        ChatResponse kept = pipeline.ShapeResponse(ChatResponses.Text("UNSURE: perhaps Lyon"));

        sent!.Instructions!.ShouldContain("UNSURE:");
        caller.Instructions.ShouldBe("Be brief.");
        result.Verdict.Gate.ShouldBe("unsure");
        result.IsRejected.ShouldBeTrue();
        kept.Text.ShouldBe("perhaps Lyon");
    }

    [Fact]
    public async Task EvaluateAsync_TheSourceArticlesThreeTierRecipeEscalatesThenKeeps()
    {
        // Tier 2 of recipe 001: reject on UNSURE: or on two or more hedging phrases, else keep.
        var pipeline = new GatePipeline([new SelfDoubtGate(), new HedgingGate()]);

        (await pipeline.EvaluateAsync(GateContexts.For("UNSURE: no data"))).IsRejected.ShouldBeTrue();
        (await pipeline.EvaluateAsync(GateContexts.For("Possibly 12, it depends on the plan."))).IsRejected.ShouldBeTrue();
        (await pipeline.EvaluateAsync(GateContexts.For("Your order ships tomorrow."))).IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public async Task EvaluateAsync_TracesEachGateThatRan()
    {
        using var spans = new ActivityCollector(CascadeTelemetryNames.SourceName);
        var pipeline = new GatePipeline([new CutOffGate(), new HedgingGate(), new CountingGate("never", GateDecision.Accept)]);

        await pipeline.EvaluateAsync(GateContexts.For("I think it depends.", ledger: new RequestLedger("req-traced")));

        IReadOnlyList<System.Diagnostics.Activity> gates = spans.Named(CascadeTelemetryNames.GateActivity).Where(a => a.Tag(CascadeTelemetryNames.Tags.RequestId) == "req-traced").ToArray();
        gates.Select(a => a.Tag(CascadeTelemetryNames.Tags.VerdictGate)).ShouldBe(["cut-off", "hedging"]);
        gates[1].Tag(CascadeTelemetryNames.Tags.Verdict).ShouldBe("reject");
        gates[1].Tag(CascadeTelemetryNames.Tags.VerdictReason)!.ShouldContain("hedging phrases");
        gates[1].Tag(CascadeTelemetryNames.Tags.Tier).ShouldBe("small");
    }

    [Fact]
    public void Empty_AcceptsEverything()
    {
        GatePipeline.Empty.Gates.ShouldBeEmpty();
    }

    private sealed class CountingGate(string name, GateDecision decision, GateCost cost = GateCost.Free) : IQualityGate
    {
        public int Calls { get; private set; }

        public string Name => name;

        public GateCost Cost => cost;

        public ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default)
        {
            Calls++;
            return ValueTask.FromResult(new GateVerdict(name, decision, null, "scripted"));
        }
    }
}
