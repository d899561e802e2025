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

    [Fact]
    public void Parse_ReadsTheGuaranteeOptions()
    {
        var defaults = EvaluationCommand.Parse([]);
        var command = EvaluationCommand.Parse(["--confidence", "0.95", "--guarantee-tolerance", "2", "--guarantee-sample", "0", "--resplits", "3"]);

        defaults.Search.GuaranteeConfidence.ShouldBe(0.9);
        defaults.Search.GuaranteeTolerancePoints.ShouldBe(1);
        defaults.Search.GuaranteeSampleSize.ShouldBeNull();
        defaults.Resplits.ShouldBe(5);
        command.Search.GuaranteeConfidence.ShouldBe(0.95);
        command.Search.GuaranteeTolerancePoints.ShouldBe(2);
        command.Search.GuaranteeSampleSize.ShouldBe(0);
        command.Resplits.ShouldBe(3);
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
    [InlineData(new[] { "--confidence", "1" }, "--confidence: A confidence is strictly between 0 and 1")]
    [InlineData(new[] { "--confidence", "high" }, "--confidence expects a number between 0 and 1, got 'high'")]
    [InlineData(new[] { "--guarantee-tolerance", "-1" }, "--guarantee-tolerance: A tolerance is 0 to 100 points")]
    [InlineData(new[] { "--guarantee-sample", "-5" }, "--guarantee-sample: A sample size is zero or more")]
    [InlineData(new[] { "--resplits", "-1" }, "--resplits expects zero or more, got -1")]
    public void Parse_BadInput_SaysWhatToFix(string[] args, string message)
    {
        Should.Throw<ArgumentException>(() => EvaluationCommand.Parse(args)).Message.ShouldStartWith(message);
    }
}
