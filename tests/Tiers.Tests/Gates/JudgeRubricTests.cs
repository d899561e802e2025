namespace Cascade.Tests.Gates;

public class JudgeRubricTests
{
    [Fact]
    public void TryParse_ReadsEveryField()
    {
        JudgeRubric.TryParse("""Here: {"accuracy": 4, "completeness": 3, "clarity": 5, "overall": 4.5, "should_escalate": false, "reason": "ok"} done""", out JudgeRubric? rubric, out string? error)
            .ShouldBeTrue(error);

        rubric.ShouldBe(new JudgeRubric { Accuracy = 4, Completeness = 3, Clarity = 5, Overall = 4.5, ShouldEscalate = false, Reason = "ok" });
    }

    [Fact]
    public void TryParse_NamesTheMissingFields()
    {
        JudgeRubric.TryParse("""{"accuracy": 4}""", out _, out string? error).ShouldBeFalse();

        error.ShouldBe("the judge's reply lacks completeness, clarity, overall, should_escalate");
    }

    [Fact]
    public void TryParse_RejectsAScoreOutsideOneToFive()
    {
        JudgeRubric.TryParse("""{"accuracy": 4, "completeness": 3, "clarity": 5, "overall": 0, "should_escalate": false}""", out _, out string? error).ShouldBeFalse();

        error.ShouldBe("overall 0 is outside 1 to 5");
    }
}
