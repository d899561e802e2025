namespace Cascade.Tests.Gates;

public class AnswerExtractionTests
{
    [Theory]
    [InlineData("B", "B")]
    [InlineData("(c)", "C")]
    [InlineData("D.", "D")]
    [InlineData("**A**", "A")]
    [InlineData("The answer is C.", "C")]
    [InlineData("Answer: (B) because the others are wrong", "B")]
    [InlineData("B. Paris is the capital of France.", "B")]
    [InlineData("A good guess would be D", "D")]
    public void ExtractChoices_FindsTheOneChoice(string text, string expected)
    {
        AnswerExtraction.ExtractChoices(text, AnswerExtraction.DefaultChoices).ShouldBe([expected]);
    }

    [Theory]
    [InlineData("Either A or C could be right")]
    [InlineData("The answer is A, or maybe the answer is B")]
    public void ExtractChoices_FindsSeveralWhenTheAnswerHedges(string text)
    {
        AnswerExtraction.ExtractChoices(text, AnswerExtraction.DefaultChoices).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("I don't know")]
    [InlineData("The capital is Paris")]
    [InlineData("E")]
    public void ExtractChoices_FindsNoneWhenNoAllowedChoiceIsPicked(string text)
    {
        AnswerExtraction.ExtractChoices(text, AnswerExtraction.DefaultChoices).ShouldBeEmpty();
    }

    [Fact]
    public void ExtractChoices_MatchesWordChoicesCaseInsensitively()
    {
        AnswerExtraction.ExtractChoices("Yes, it is.", ["yes", "no"]).ShouldBe(["yes"]);
        AnswerExtraction.ExtractChoices("No and yes", ["yes", "no"]).ShouldBe(["no", "yes"]);
        AnswerExtraction.ExtractChoices("nobody knows", ["yes", "no"]).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("She has 3 apples, then 5 more. #### 8", 8)]
    [InlineData("The answer is 1,250.", 1250)]
    [InlineData("First 2, then 4, finally 7.5", 7.5)]
    [InlineData("It is -3", -3)]
    public void TryExtractNumber_FindsTheFinalNumber(string text, double expected)
    {
        AnswerExtraction.TryExtractNumber(text, out decimal number).ShouldBeTrue();
        number.ShouldBe((decimal)expected);
    }

    [Fact]
    public void TryExtractNumber_FalseWithoutANumber()
    {
        AnswerExtraction.TryExtractNumber("no digits here", out _).ShouldBeFalse();
    }

    [Fact]
    public void Normalize_DropsCasePunctuationAndALeadingAnswerIs()
    {
        AnswerExtraction.Normalize("The answer is:   PARIS!").ShouldBe("paris");
        AnswerExtraction.Normalize("Paris").ShouldBe("paris");
    }

    [Fact]
    public void Similarity_IsTheWordOverlap()
    {
        AnswerExtraction.Similarity("the cat sat", "The cat sat!").ShouldBe(1);
        AnswerExtraction.Similarity("the cat sat", "the dog sat").ShouldBe(0.5);
        AnswerExtraction.Similarity("alpha", "beta").ShouldBe(0);
    }
}
