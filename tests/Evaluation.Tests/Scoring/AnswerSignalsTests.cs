using Cascade.Evaluation.Data;
using Cascade.Evaluation.Scoring;

namespace Cascade.Evaluation.Tests.Scoring;

public sealed class AnswerSignalsTests
{
    [Theory]
    [InlineData("B", "B", true)]
    [InlineData(" (C) because", "C", false)]
    [InlineData("The answer is D.", "D", false)]
    public void MultipleChoice_ReadsTheLetter(string text, string key, bool formatOk)
    {
        var signals = AnswerSignals.From(TaskKind.MultipleChoice, text, null);

        signals.Key.ShouldBe(key);
        signals.FormatOk.ShouldBe(formatOk);
    }

    [Fact]
    public void Math_ReadsTheNumberAfterTheMarker()
    {
        AnswerSignals.From(TaskKind.Math, "3 + 4 = 7 ... #### 1,200", null).Key.ShouldBe("1200");
    }

    [Fact]
    public void FreeText_AgreementIgnoresCaseArticlesAndPunctuation()
    {
        var a = AnswerSignals.From(TaskKind.FreeText, "The Beatles!", null);
        var b = AnswerSignals.From(TaskKind.FreeText, "beatles", null);

        AnswerSignals.Agreement(a, b).ShouldBe(1);
    }

    [Fact]
    public void Hedging_FailsTheTextChecks()
    {
        var signals = AnswerSignals.From(TaskKind.FreeText, "I think it is Paris, possibly", null);

        signals.Hedges.ShouldBe(2);
        signals.PassesTextChecks.ShouldBeFalse();
    }

    [Fact]
    public void Confidence_IsTheProbabilityOfTheLogprob()
    {
        AnswerSignals.From(TaskKind.MultipleChoice, "A", Math.Log(0.25)).Confidence!.Value.ShouldBe(0.25, 1e-12);
    }
}
