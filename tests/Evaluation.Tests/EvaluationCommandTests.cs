namespace Cascade.Evaluation.Tests;

public sealed class EvaluationCommandTests
{
    [Fact]
    public void Parse_ReadsEveryOption()
    {
        var command = EvaluationCommand.Parse(["--data", "d", "--out", "o", "--max-rungs", "3", "--grid", "8", "--folds", "4", "--margin", "0.5", "--no-replay"]);

        command.Data.ShouldBe("d");
        command.Output.ShouldBe("o");
        command.Search.MaxRungs.ShouldBe(3);
        command.Search.GridSize.ShouldBe(8);
        command.Search.Folds.ShouldBe(4);
        command.Search.TrainAccuracyMarginPoints.ShouldBe(0.5);
        command.Replay.ShouldBeFalse();
    }

    [Theory]
    [InlineData(new[] { "--bogus" }, "Unknown option '--bogus'")]
    [InlineData(new[] { "--grid" }, "--grid needs a value")]
    [InlineData(new[] { "--grid", "many" }, "--grid expects a whole number, got 'many'")]
    [InlineData(new[] { "--folds", "1" }, "--folds: Cross-validation needs at least two folds")]
    [InlineData(new[] { "--margin", "-101" }, "--margin: A margin is -100 to 100 points")]
    public void Parse_BadInput_SaysWhatToFix(string[] args, string message)
    {
        Should.Throw<ArgumentException>(() => EvaluationCommand.Parse(args)).Message.ShouldStartWith(message);
    }
}
