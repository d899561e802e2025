namespace Cascade.Tests.Gates;

public class FormatGateTests
{
    [Fact]
    public async Task EvaluateAsync_RejectsAnAnswerNotMatchingTheRequestsPattern()
    {
        var expectations = new GateExpectations { FormatPattern = @"\d{4}-\d{2}-\d{2}" };

        GateVerdict verdict = await new FormatGate().EvaluateAsync(GateContexts.For("On the 3rd of May", expectations: expectations));

        verdict.Decision.ShouldBe(GateDecision.Reject);
        verdict.Reason!.ShouldContain(@"\d{4}");
    }

    [Fact]
    public async Task EvaluateAsync_MatchesTheWholeTrimmedAnswer()
    {
        var expectations = new GateExpectations { FormatPattern = @"\d{4}-\d{2}-\d{2}" };
        var gate = new FormatGate();

        (await gate.EvaluateAsync(GateContexts.For("  2026-05-03\n", expectations: expectations))).Decision.ShouldBe(GateDecision.Abstain);
        (await gate.EvaluateAsync(GateContexts.For("Date: 2026-05-03", expectations: expectations))).Decision.ShouldBe(GateDecision.Reject);
    }

    [Fact]
    public async Task EvaluateAsync_UsesTheConfiguredPatternWhenTheRequestHasNone()
    {
        var gate = new FormatGate(new FormatGateOptions { Pattern = "yes|no", IgnoreCase = true });

        (await gate.EvaluateAsync(GateContexts.For("Yes"))).Decision.ShouldBe(GateDecision.Abstain);
        (await gate.EvaluateAsync(GateContexts.For("maybe"))).Decision.ShouldBe(GateDecision.Reject);
    }

    [Fact]
    public async Task EvaluateAsync_AbstainsWithoutAPattern()
    {
        (await new FormatGate().EvaluateAsync(GateContexts.For("anything"))).Decision.ShouldBe(GateDecision.Abstain);
    }

    [Fact]
    public void Constructor_InvalidPatternNamesTheSetting()
    {
        var ex = Should.Throw<ArgumentException>(() => new FormatGate(new FormatGateOptions { Pattern = "([a-z" }));

        ex.Message.ShouldContain("Pattern");
        ex.Message.ShouldContain("not a valid regular expression");
    }

    [Fact]
    public async Task EvaluateAsync_InvalidRequestPatternThrowsAClearError()
    {
        var ex = await Should.ThrowAsync<ArgumentException>(async () =>
            await new FormatGate().EvaluateAsync(GateContexts.For("x", expectations: new GateExpectations { FormatPattern = "(" })));

        ex.Message.ShouldContain("FormatPattern");
    }
}
