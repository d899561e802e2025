namespace Cascade.Tests.Gates;

public class MultipleChoiceGateTests
{
    private static readonly GateExpectations AbcD = new() { Choices = ["A", "B", "C", "D"] };

    [Fact]
    public async Task EvaluateAsync_AbstainsWithTheChoiceWhenOneIsClear()
    {
        GateVerdict verdict = await new MultipleChoiceGate().EvaluateAsync(GateContexts.For("The answer is B.", expectations: AbcD));

        verdict.Decision.ShouldBe(GateDecision.Abstain);
        verdict.Reason.ShouldBe("choice: B");
    }

    [Fact]
    public async Task EvaluateAsync_AcceptsAClearChoiceWhenConfigured()
    {
        var gate = new MultipleChoiceGate(new MultipleChoiceGateOptions { AcceptWhenClear = true });

        (await gate.EvaluateAsync(GateContexts.For("C", expectations: AbcD))).Decision.ShouldBe(GateDecision.Accept);
    }

    [Fact]
    public async Task EvaluateAsync_RejectsWhenNoChoiceCanBeExtracted()
    {
        GateVerdict verdict = await new MultipleChoiceGate().EvaluateAsync(GateContexts.For("It is hard to say.", expectations: AbcD));

        verdict.Decision.ShouldBe(GateDecision.Reject);
        verdict.Reason!.ShouldContain("no choice");
    }

    [Fact]
    public async Task EvaluateAsync_RejectsWhenSeveralChoicesAreGiven()
    {
        GateVerdict verdict = await new MultipleChoiceGate().EvaluateAsync(GateContexts.For("Either A or D.", expectations: AbcD));

        verdict.Decision.ShouldBe(GateDecision.Reject);
        verdict.Reason.ShouldBe("several choices: A, D");
    }

    [Fact]
    public async Task EvaluateAsync_UsesConfiguredChoicesAndAbstainsWithoutAny()
    {
        var configured = new MultipleChoiceGate(new MultipleChoiceGateOptions { Choices = ["yes", "no"] });

        (await configured.EvaluateAsync(GateContexts.For("Perhaps."))).Decision.ShouldBe(GateDecision.Reject);
        (await new MultipleChoiceGate().EvaluateAsync(GateContexts.For("Perhaps."))).Decision.ShouldBe(GateDecision.Abstain);
    }
}
