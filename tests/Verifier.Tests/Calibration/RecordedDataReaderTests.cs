using Cascade.Verifier.Calibration;

namespace Cascade.Verifier.Tests.Calibration;

public class RecordedDataReaderTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "recorded");

    [Fact]
    public void ReadJsonLines_ReadsModelsInLadderOrderWithChoicesForMultipleChoiceTasks()
    {
        LabelledDataset dataset = RecordedDataReader.ReadJsonLines(Path.Combine(Fixtures, "mmlu_tiny_train.jsonl"));

        dataset.Workload.ShouldBe("mmlu");
        dataset.Ladder.ShouldBe("tiny");
        dataset.Name.ShouldBe("mmlu_tiny");
        dataset.Questions.Count.ShouldBe(40);
        LabelledQuestion first = dataset.Questions[0];
        first.SystemPrompt.ShouldBe("Answer with a letter.");
        first.Choices.ShouldBe(["A", "B", "C", "D"]);
        first.Answers.Select(a => a.Model).ShouldBe(["tiny-1b", "tiny-70b"]);
        first.Answers[0].ShouldBe(new LabelledAnswer("tiny-1b", "A", true, 0, 0.00001m));
    }

    [Fact]
    public void ReadJsonLines_ReadsPythonsNegativeInfinityAsZeroProbability()
    {
        LabelledDataset dataset = RecordedDataReader.ReadJsonLines(Path.Combine(Fixtures, "triviaqa_tiny_train.jsonl"));

        dataset.Questions.ShouldHaveSingleItem().Answers[0].LogprobConfidence.ShouldBe(RecordedDataReader.ZeroProbabilityLogprob);
        dataset.Questions[0].Choices.ShouldBeNull();
    }

    [Fact]
    public void ReadRouterBench_UnwrapsResponsesAndSkipsBlankScores()
    {
        LabelledDataset dataset = RecordedDataReader.ReadRouterBench(Path.Combine(Fixtures, "arc_challenge_train.csv"), ["cheap", "strong"]);

        dataset.Workload.ShouldBe("arc_challenge");
        dataset.Questions.Count.ShouldBe(29);
        dataset.Skipped.ShouldBe(1);
        LabelledQuestion first = dataset.Questions[0];
        first.UserPrompt.ShouldBe("Which one?\nA) a\nB) b\nC) c\nD) d");
        first.Answers[0].ShouldBe(new LabelledAnswer("cheap", "I think it is A or C, I'm not sure", false, null, 0.0004m));
        first.Answers[1].Text.ShouldBe("B");
    }

    [Fact]
    public void ReadRouterBench_UnknownModelNamesTheColumnsThere()
    {
        var ex = Should.Throw<InvalidDataException>(() => RecordedDataReader.ReadRouterBench(Path.Combine(Fixtures, "arc_challenge_train.csv"), ["gpt-9"]));

        ex.Message.ShouldContain("no column 'gpt-9'");
        ex.Message.ShouldContain("cheap, strong");
    }

    [Fact]
    public void ReadSplit_FindsEachSplitsFiles()
    {
        RecordedDataReader.ReadSplit(Fixtures, "train", ["cheap", "strong"]).Select(d => d.Name).ShouldBe(["arc_challenge", "mmlu_tiny", "triviaqa_tiny"]);
        RecordedDataReader.ReadSplit(Fixtures, "test", ["cheap", "strong"]).Select(d => d.Name).ShouldBe(["mmlu_tiny"]);
        Should.Throw<DirectoryNotFoundException>(() => RecordedDataReader.ReadSplit("/nonexistent", "train"));
    }

    [Theory]
    [InlineData("['A']", "A")]
    [InlineData("[\"it's\"]", "it's")]
    [InlineData("['a\\nb \\'q\\'']", "a\nb 'q'")]
    [InlineData("plain", "plain")]
    public void UnwrapPythonList_UndoesTheLiteral(string value, string expected)
    {
        RecordedDataReader.UnwrapPythonList(value).ShouldBe(expected);
    }

    [Fact]
    public void ReadJsonLines_BadLineNamesTheFileAndLine()
    {
        string path = Path.Combine(Path.GetTempPath(), $"bad_{Guid.NewGuid():N}_train.jsonl");
        File.WriteAllText(path, "{\"models\": {}}\n");
        try
        {
            Should.Throw<InvalidDataException>(() => RecordedDataReader.ReadJsonLines(path)).Message.ShouldContain(":1: not a recorded question");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
