using System.Diagnostics;
using Cascade.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Cascade.Tests.Telemetry;

public class CascadeTelemetryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static AttemptRecord Attempt(string requestId, int sequence, string tier, AttemptKind kind, AttemptOutcome outcome, decimal cost, string? cause = null, FailureCause? failure = null) => new()
    {
        RequestId = requestId,
        Sequence = sequence,
        Tier = tier,
        Deployment = "primary",
        Provider = "anthropic",
        Model = $"model-{tier}",
        Kind = kind,
        SwitchCause = cause,
        Outcome = outcome,
        Failure = failure,
        Billed = cost > 0,
        Cost = cost,
        Usage = cost > 0 ? new TokenUsage(100, 20) : TokenUsage.None,
        StartedAt = Start.AddSeconds(sequence),
        Duration = TimeSpan.FromMilliseconds(300),
        TimeToFirstToken = TimeSpan.FromMilliseconds(120),
        Verdict = outcome == AttemptOutcome.Rejected ? GateVerdict.Reject("hedging", "2 hedging phrases") : null,
    };

    [Fact]
    public void RequestAndAttempts_ProduceSpansWithGenAIAndCascadeTags()
    {
        using var collector = new ActivityCollector(CascadeTelemetryNames.SourceName);
        using var telemetry = new CascadeTelemetry();
        string id = Guid.NewGuid().ToString("N");
        var ledger = new RequestLedger(id, "billing");

        Activity? request = telemetry.StartRequest(ledger);
        AttemptRecord rejected = Attempt(id, 1, "haiku", AttemptKind.Initial, AttemptOutcome.Rejected, 0.0002m);
        AttemptRecord failed = Attempt(id, 2, "sonnet", AttemptKind.Escalation, AttemptOutcome.Failed, 0m, "gate:hedging", FailureCause.ServerError);
        telemetry.RecordAttempt(rejected, request);
        telemetry.RecordAttempt(failed, request);
        telemetry.CompleteRequest(request, new CascadeRoute { RequestId = id, Workload = "billing", ResolvedTier = "sonnet", Attempts = [rejected, failed] });
        request!.Stop();

        Activity[] attempts = collector.Stopped.Where(a => a.Tag(CascadeTelemetryNames.Tags.RequestId) == id && a.OperationName.StartsWith("chat ", StringComparison.Ordinal)).ToArray();
        attempts.Length.ShouldBe(2);
        attempts.ShouldAllBe(a => a.ParentSpanId == request.SpanId);
        Activity first = attempts.Single(a => a.Tag(CascadeTelemetryNames.Tags.AttemptSequence) == "1");
        first.DisplayName.ShouldBe("chat model-haiku");
        first.StartTimeUtc.ShouldBe(Start.AddSeconds(1).UtcDateTime);
        first.Duration.ShouldBe(TimeSpan.FromMilliseconds(300));
        first.Tag(CascadeTelemetryNames.GenAI.RequestModel).ShouldBe("model-haiku");
        first.Tag(CascadeTelemetryNames.GenAI.InputTokens).ShouldBe("100");
        first.Tag(CascadeTelemetryNames.Tags.Verdict).ShouldBe("reject");
        first.Tag(CascadeTelemetryNames.Tags.Cost).ShouldBe("0.0002");
        Activity second = attempts.Single(a => a.Tag(CascadeTelemetryNames.Tags.AttemptSequence) == "2");
        second.Status.ShouldBe(ActivityStatusCode.Error);
        second.Tag(CascadeTelemetryNames.GenAI.ErrorType).ShouldBe("server_error");
        second.Tag(CascadeTelemetryNames.Tags.Cause).ShouldBe("gate:hedging");
        request.Tag(CascadeTelemetryNames.Tags.ResolvedTier).ShouldBe("sonnet");
        request.Tag(CascadeTelemetryNames.Tags.EscalationCount).ShouldBe("1");
        request.GetTagItem(CascadeTelemetryNames.GenAI.InputMessages).ShouldBeNull("content is not captured by default");
    }

    [Fact]
    public void Metrics_CountRequestsEscalationsFallbacksAndCost()
    {
        using var telemetry = new CascadeTelemetry();
        using var requests = new MetricCollector<long>(telemetry.Meter, CascadeTelemetryNames.Requests);
        using var escalations = new MetricCollector<long>(telemetry.Meter, CascadeTelemetryNames.Escalations);
        using var fallbacks = new MetricCollector<long>(telemetry.Meter, CascadeTelemetryNames.Fallbacks);
        using var cost = new MetricCollector<double>(telemetry.Meter, CascadeTelemetryNames.RequestCost);
        using var tokens = new MetricCollector<long>(telemetry.Meter, CascadeTelemetryNames.TokenUsage);
        AttemptRecord[] attempts =
        [
            Attempt("r", 1, "haiku", AttemptKind.Initial, AttemptOutcome.Rejected, 0.001m),
            Attempt("r", 2, "sonnet", AttemptKind.Escalation, AttemptOutcome.Failed, 0m, "gate:hedging", FailureCause.RateLimited),
            Attempt("r", 3, "sonnet", AttemptKind.Fallback, AttemptOutcome.Accepted, 0.004m, "rate_limited"),
        ];

        foreach (AttemptRecord attempt in attempts)
        {
            telemetry.RecordAttempt(attempt);
        }

        telemetry.CompleteRequest(null, new CascadeRoute { RequestId = "r", Workload = "billing", ResolvedTier = "sonnet", Attempts = attempts });

        requests.Sum((CascadeTelemetryNames.Tags.ResolvedTier, "sonnet"), (CascadeTelemetryNames.Tags.Workload, "billing")).ShouldBe(1);
        escalations.Sum((CascadeTelemetryNames.Tags.Workload, "billing"), (CascadeTelemetryNames.Tags.FromTier, "haiku")).ShouldBe(1);
        fallbacks.Sum((CascadeTelemetryNames.Tags.Cause, "rate_limited")).ShouldBe(1);
        cost.LastMeasurement!.Value.ShouldBe(0.005, tolerance: 1e-12);
        tokens.Sum((CascadeTelemetryNames.GenAI.TokenType, "input")).ShouldBe(200);
    }
}
