using Cascade.Evaluation.Data;

namespace Cascade.Evaluation.Tests.Data;

public sealed class TaskKindDetectorTests
{
    [Theory]
    [InlineData(TaskKind.MultipleChoice, "Which?", "A", "(B)", "c.", "D")]
    [InlineData(TaskKind.MultipleChoice, "Which?\nA) one\nB) two", "A) because one", "B, since two", "I do not know", "C")]
    [InlineData(TaskKind.Code, "Write a function.", "```python\ndef f(x):\n    return x\n```", "def g():\n    pass", "Here is how.", "```\nreturn 1\n```")]
    [InlineData(TaskKind.Math, "How many?", "Step 1: 3 + 4 = 7\nSo the answer is 7", "We add them.\n#### 12", "First 2 x 3.\nThen 6", "no idea")]
    [InlineData(TaskKind.FreeText, "Who wrote it?", "Charles Dickens", "Dickens", "A Christmas Carol", "1843")]
    public void Detect_ReadsTheKindFromTheAnswers(TaskKind expected, string prompt, params string[] answers)
    {
        var questions = answers.Select((a, i) => new RecordedQuestion(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i + 1, null, prompt, [new RecordedAnswer(a, true, 0, null, null, null)])).ToArray();

        TaskKindDetector.Detect(questions).ShouldBe(expected);
    }

    [Fact]
    public void MultipleChoiceFile_WithAnUnusualName_IsStillMultipleChoice()
    {
        string folder = Directory.CreateTempSubdirectory("cascade-eval-").FullName;
        try
        {
            string path = Path.Combine(folder, "weekly_quiz_train.jsonl");
            File.Copy(Fixture.Path("mmlu_tiny_train.jsonl"), path);

            RecordingLoader.Load(path).Task.ShouldBe(TaskKind.MultipleChoice);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TestSplit_IsReadAsItsTrainSplitsKind()
    {
        var pair = Fixture.MmluPair();
        var test = pair.Test.WithQuestions(pair.Test.Questions.Select(q => q with { Answers = q.Answers.Select(a => a with { Text = "Paris, I would say" }).ToArray() }).ToArray());

        TaskKindDetector.Detect(test.Questions).ShouldBe(TaskKind.FreeText);
        DatasetPair.Create(pair.Train, test.WithTask(TaskKind.FreeText)).Test.Task.ShouldBe(TaskKind.MultipleChoice);
    }

    /// <summary>The recorded data beside the repository (../shared), when it is there: every file's kind from its contents.</summary>
    [Fact]
    public void RecordedFiles_AreDetectedAsTheirBenchmarksKind()
    {
        string? folder = SharedData.Folder;
        Assert.SkipWhen(folder is null, "no ../shared/data/recorded-llm-responses beside the repository");
        var expected = new Dictionary<string, TaskKind>
        {
            ["mmlu"] = TaskKind.MultipleChoice,
            ["medmcqa"] = TaskKind.MultipleChoice,
            ["arc"] = TaskKind.MultipleChoice,
            ["gsm8k"] = TaskKind.Math,
            ["mbpp"] = TaskKind.Code,
            ["triviaqa"] = TaskKind.FreeText,
            ["truthfulqa"] = TaskKind.FreeText,
        };

        foreach (var file in RecordingLoader.FindFiles(folder!))
        {
            var dataset = RecordingLoader.Load(file);
            var kind = expected.Single(e => dataset.Name.StartsWith(e.Key, StringComparison.Ordinal)).Value;
            dataset.Task.ShouldBe(kind, dataset.Path);
        }
    }
}
