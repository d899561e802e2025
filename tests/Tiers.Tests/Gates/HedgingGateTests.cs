namespace Cascade.Tests.Gates;

public class HedgingGateTests
{
    [Fact]
    public async Task EvaluateAsync_RejectsAtTwoDistinctDefaultPhrases()
    {
        GateVerdict verdict = await new HedgingGate().EvaluateAsync(GateContexts.For("I think it is Paris, but I'm not sure."));

        verdict.Decision.ShouldBe(GateDecision.Reject);
        verdict.Reason!.ShouldContain("\"i think\"");
        verdict.Reason!.ShouldContain("\"i'm not sure\"");
        verdict.Score.ShouldBe(0);
    }

    [Fact]
    public async Task EvaluateAsync_AbstainsOnOnePhrase()
    {
        GateVerdict verdict = await new HedgingGate().EvaluateAsync(GateContexts.For("I think it is Paris."));

        verdict.Decision.ShouldBe(GateDecision.Abstain);
        verdict.Score.ShouldBe(0.5);
    }

    [Fact]
    public async Task EvaluateAsync_CountsAPhraseOnceAndToleratesCurlyApostrophes()
    {
        var gate = new HedgingGate();

        (await gate.EvaluateAsync(GateContexts.For("I think so. I think. I THINK!"))).Decision.ShouldBe(GateDecision.Abstain);
        (await gate.EvaluateAsync(GateContexts.For("I\u2019m not sure; it depends."))).Decision.ShouldBe(GateDecision.Reject);
    }

    [Fact]
    public void FindPhrases_MatchesOnWordBoundaries()
    {
        new HedgingGate().FindPhrases("Impossibly fast, I thinker.").ShouldBeEmpty();
    }

    [Fact]
    public async Task EvaluateAsync_UsesConfiguredPhrasesAndThreshold()
    {
        var gate = new HedgingGate(new HedgingGateOptions { Phrases = ["maybe"], Threshold = 1 });

        (await gate.EvaluateAsync(GateContexts.For("Maybe Paris."))).Decision.ShouldBe(GateDecision.Reject);
        (await gate.EvaluateAsync(GateContexts.For("I think, I'm not sure, it depends."))).Decision.ShouldBe(GateDecision.Abstain);
    }

    [Fact]
    public void Options_RejectAThresholdBelowOneAndAnEmptyList()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new HedgingGateOptions { Threshold = 0 }).ParamName.ShouldBe("Threshold");
        Should.Throw<ArgumentOutOfRangeException>(() => new HedgingGateOptions { Phrases = [] }).ParamName.ShouldBe("Phrases");
    }
}
