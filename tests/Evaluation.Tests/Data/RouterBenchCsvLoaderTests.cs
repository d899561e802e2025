using Cascade.Evaluation.Data;

namespace Cascade.Evaluation.Tests.Data;

public sealed class RouterBenchCsvLoaderTests
{
    private const string Header = ",sample_id,prompt,eval_name,a,a|model_response,a|total_cost\n";

    [Fact]
    public void Load_SkipsBlankScoresAndCountsThem()
    {
        var dataset = Fixture.Csv();

        dataset.Models.ShouldBe(["cheap", "strong"]);
        dataset.Questions.Select(q => q.Id).ShouldBe(["arc.test.0", "arc.test.1", "arc.test.3"]);
        dataset.Skipped.ShouldHaveSingleItem().Line.ShouldBe(4);
        dataset.Skipped[0].Reason.ShouldBe("cheap score is blank");
        dataset.Questions[2].Line.ShouldBe(5); // the multi-line row starts on line 5
        dataset.Questions[2].Answers[0].Text.ShouldBe("A, I think");
        dataset.Questions[0].Prompt.ShouldStartWith("Which is a gas?\nA) ice");
        dataset.Questions[0].Answers[1].Cost.ShouldBe(0.001m);
        dataset.HasLogprobs.ShouldBeFalse();
    }

    [Fact]
    public void Load_BadScore_NamesLineAndColumn()
    {
        string text = Header + "0,s0,['q'],e,1.0,['A'],0.1\n1,s1,['q'],e,maybe,['A'],0.1\n";

        var error = Should.Throw<RecordingFormatException>(() => RouterBenchCsvLoader.Load("bench.csv", new StringReader(text)));

        error.Message.ShouldBe("bench.csv:3: field 'a': expected a score of 0 or 1, found 'maybe'.");
    }

    [Fact]
    public void Load_BadCost_NamesLineAndColumn()
    {
        string text = Header + "0,s0,['q'],e,1.0,['A'],cheap\n";

        var error = Should.Throw<RecordingFormatException>(() => RouterBenchCsvLoader.Load("bench.csv", new StringReader(text)));

        error.Line.ShouldBe(2);
        error.Field.ShouldBe("a|total_cost");
    }

    [Fact]
    public void Load_MissingResponseColumn_IsAHeaderError()
    {
        string text = ",sample_id,prompt,a,a|total_cost\n0,s0,q,1,0.1\n";

        Should.Throw<RecordingFormatException>(() => RouterBenchCsvLoader.Load("bench.csv", new StringReader(text)))
            .Field.ShouldBe("a|model_response");
    }

    [Theory]
    [InlineData("['A']", "A")]
    [InlineData("[\"it's\\nfine\"]", "it's\nfine")]
    [InlineData("plain", "plain")]
    public void Unwrap_ReadsPythonListLiterals(string value, string expected) => RouterBenchCsvLoader.Unwrap(value).ShouldBe(expected);
}
