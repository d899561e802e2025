using Microsoft.Extensions.AI;

namespace Cascade.Tests.Gates;

public class CutOffGateTests
{
    [Fact]
    public async Task EvaluateAsync_RejectsAnAnswerCutOffAtTheLengthLimit()
    {
        GateVerdict verdict = await new CutOffGate().EvaluateAsync(GateContexts.For("Paris is the capital and", ChatFinishReason.Length));

        verdict.Decision.ShouldBe(GateDecision.Reject);
        verdict.Gate.ShouldBe("cut-off");
        verdict.Reason!.ShouldContain("cut off");
    }

    [Fact]
    public async Task EvaluateAsync_AbstainsOnACompleteAnswer()
    {
        GateVerdict verdict = await new CutOffGate().EvaluateAsync(GateContexts.For("Paris.", ChatFinishReason.Stop));

        verdict.Decision.ShouldBe(GateDecision.Abstain);
    }

    [Theory]
    [InlineData(false, GateDecision.Abstain)]
    [InlineData(true, GateDecision.Reject)]
    public async Task EvaluateAsync_ContentFilterRejectsOnlyWhenConfigured(bool reject, GateDecision expected)
    {
        var gate = new CutOffGate(new CutOffGateOptions { RejectContentFilter = reject });

        GateVerdict verdict = await gate.EvaluateAsync(GateContexts.For("", ChatFinishReason.ContentFilter));

        verdict.Decision.ShouldBe(expected);
    }
}
