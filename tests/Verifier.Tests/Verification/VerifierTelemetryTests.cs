using System.Diagnostics;
using System.Diagnostics.Metrics;
using Cascade.Testing;
using Cascade.Verifier.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Cascade.Verifier.Tests.Verification;

public class VerifierTelemetryTests
{
    [Fact]
    public async Task Verify_TracesTheVerificationAboveItsGatesAndCountsVerdictsAndCost()
    {
        using var spans = new ActivityCollector(VerifierTelemetry.SourceName, CascadeTelemetryNames.SourceName);
        using var factory = new VerifierFactory();
        using HttpClient client = factory.CreateClient();
        IMeterFactory meters = factory.Services.GetRequiredService<IMeterFactory>();
        using var verifications = new MetricCollector<long>(meters, VerifierTelemetry.SourceName, VerifierTelemetry.Verifications);
        using var cost = new MetricCollector<double>(meters, VerifierTelemetry.SourceName, VerifierTelemetry.Cost);

        await client.VerifyAsync(VerifyRequests.Answer("Paris.", requestId: "req-telemetry", workload: "geo"));
        await client.VerifyAsync(VerifyRequests.Answer("Paris.", requestId: "req-telemetry-2", workload: "geo"));

        Activity verify = spans.Named(VerifierTelemetry.VerifyActivity).First(a => a.Tag(CascadeTelemetryNames.Tags.RequestId) == "req-telemetry");
        verify.Tag(CascadeTelemetryNames.Tags.Verdict).ShouldBe("accept");
        verify.Tag(CascadeTelemetryNames.Tags.Workload).ShouldBe("geo");
        spans.Named(CascadeTelemetryNames.GateActivity).Where(g => g.ParentSpanId == verify.SpanId).Select(g => g.Tag(CascadeTelemetryNames.Tags.VerdictGate)).ShouldContain("judge");
        verifications.Sum(("cascade.verdict", "accept"), ("cascade.workload", "geo"), ("cascade.cached", false)).ShouldBe(1);
        verifications.Sum(("cascade.verdict", "accept"), ("cascade.cached", true)).ShouldBe(1);
        cost.Sum(("cascade.workload", "geo")).ShouldBe(0.00125, 1e-12);
    }
}
