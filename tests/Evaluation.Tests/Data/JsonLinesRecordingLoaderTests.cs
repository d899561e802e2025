using Cascade.Evaluation.Data;

namespace Cascade.Evaluation.Tests.Data;

public sealed class JsonLinesRecordingLoaderTests
{
    private const string GoodModel = """{"answer": "A", "correct": true, "cost_usd": 1.2200000000000002e-05, "tokens_in": 121, "tokens_out": 1, "latency_ms": 5.0, "logprob_confidence": -0.5}""";

    [Fact]
    public void Load_ReadsTheFixture()
    {
        var dataset = JsonLinesRecordingLoader.Load(Fixture.Path("mmlu_tiny_train.jsonl"));

        dataset.Name.ShouldBe("mmlu_tiny");
        dataset.Split.ShouldBe("train");
        dataset.Task.ShouldBe(TaskKind.MultipleChoice);
        dataset.Models.ShouldBe(["small", "mid", "big"]);
        dataset.Questions.Count.ShouldBe(40);
        dataset.Skipped.ShouldBeEmpty();
        dataset.HasLogprobs.ShouldBeTrue();
        var first = dataset.Questions[0].Answers[0];
        first.Cost.ShouldBe(0.0000101m); // 101 tokens at 0.1 USD per million, float noise rounded off
        first.Tokens.ShouldBe(new TokenUsage(100, 1));
    }

    [Fact]
    public void Load_BadField_NamesFileLineAndField()
    {
        string bad = GoodModel.Replace("\"tokens_in\": 121", "\"tokens_in\": \"many\"", StringComparison.Ordinal);
        string text = $"{{\"idx\": 0, \"models\": {{\"m\": {GoodModel}}}}}\n{{\"idx\": 1, \"models\": {{\"m\": {bad}}}}}\n";

        var error = Should.Throw<RecordingFormatException>(() => JsonLinesRecordingLoader.Load("calls.jsonl", new StringReader(text)));

        error.Message.ShouldStartWith("calls.jsonl:2: field 'models.m.tokens_in'");
        error.Line.ShouldBe(2);
        error.Field.ShouldBe("models.m.tokens_in");
    }

    [Fact]
    public void Load_InvalidJson_NamesTheLine()
    {
        string text = $"{{\"models\": {{\"m\": {GoodModel}}}}}\n\n{{\"models\": \n";

        var error = Should.Throw<RecordingFormatException>(() => JsonLinesRecordingLoader.Load("calls.jsonl", new StringReader(text)));

        error.Line.ShouldBe(3);
        error.Message.ShouldContain("not valid JSON");
    }

    [Fact]
    public void Load_DifferentModels_IsAnError()
    {
        string text = $"{{\"models\": {{\"m\": {GoodModel}}}}}\n{{\"models\": {{\"n\": {GoodModel}}}}}\n";

        var error = Should.Throw<RecordingFormatException>(() => JsonLinesRecordingLoader.Load("calls.jsonl", new StringReader(text)));

        error.Field.ShouldBe("models");
        error.Message.ShouldContain("expected the models of the first row (m)");
    }

    [Fact]
    public void Load_NullGrade_IsSkippedAndCounted()
    {
        string ungraded = GoodModel.Replace("\"correct\": true", "\"correct\": null", StringComparison.Ordinal);
        string text = $"{{\"models\": {{\"m\": {GoodModel}}}}}\n{{\"models\": {{\"m\": {ungraded}}}}}\n{{\"models\": {{\"m\": {GoodModel}}}}}\n";

        var dataset = JsonLinesRecordingLoader.Load("calls.jsonl", new StringReader(text));

        dataset.Questions.Count.ShouldBe(2);
        dataset.Skipped.ShouldHaveSingleItem().Line.ShouldBe(2);
        dataset.Skipped[0].Reason.ShouldContain("models.m.correct");
    }

    [Fact]
    public void Load_NegativeInfinityLogprob_IsAZeroProbability()
    {
        string text = "{\"models\": {\"m\": " + GoodModel.Replace("-0.5", "-Infinity", StringComparison.Ordinal) + "}}\n";

        var dataset = JsonLinesRecordingLoader.Load("calls.jsonl", new StringReader(text));

        dataset.Questions[0].Answers[0].LogprobConfidence.ShouldBe(double.NegativeInfinity);
    }

    [Fact]
    public void Load_PositiveLogprob_IsAnError()
    {
        string text = "{\"models\": {\"m\": " + GoodModel.Replace("-0.5", "0.5", StringComparison.Ordinal) + "}}\n";

        Should.Throw<RecordingFormatException>(() => JsonLinesRecordingLoader.Load("calls.jsonl", new StringReader(text)))
            .Field.ShouldBe("models.m.logprob_confidence");
    }
}
