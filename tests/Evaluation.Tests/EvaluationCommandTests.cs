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
        command.Search.CrossValidate.ShouldBeTrue();
    }

    [Fact]
    public void Parse_ReadsTheSelectionOptions()
    {
        var command = EvaluationCommand.Parse(["--no-cv", "--front-se", "1.5", "--cv-tolerance", "0.5"]);

        command.Search.CrossValidate.ShouldBeFalse();
        command.Search.FrontStandardErrors.ShouldBe(1.5);
        command.Search.CrossValidatedTolerancePoints.ShouldBe(0.5);
    }

    [Theory]
    [InlineData(new[] { "--bogus" }, "Unknown option '--bogus'")]
    [InlineData(new[] { "--grid" }, "--grid needs a value")]
    [InlineData(new[] { "--grid", "many" }, "--grid expects a whole number, got 'many'")]
    [InlineData(new[] { "--folds", "1" }, "--folds: Cross-validation needs at least two folds")]
    [InlineData(new[] { "--margin", "-101" }, "--margin: A margin is -100 to 100 points")]
    [InlineData(new[] { "--front-se", "-1" }, "--front-se: Standard errors are 0 to 10")]
    [InlineData(new[] { "--front-se", "x" }, "--front-se expects a number, got 'x'")]
    [InlineData(new[] { "--cv-tolerance", "-2" }, "--cv-tolerance: A tolerance is 0 to 100 points")]
    public void Parse_BadInput_SaysWhatToFix(string[] args, string message)
    {
        Should.Throw<ArgumentException>(() => EvaluationCommand.Parse(args)).Message.ShouldStartWith(message);
    }
}
