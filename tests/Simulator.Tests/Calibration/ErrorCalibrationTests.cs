using Cascade.Simulator.Calibration;
using Cascade.Simulator.Configuration;
using Cascade.Simulator.Tests.Infrastructure;

namespace Cascade.Simulator.Tests.Calibration;

/// <summary>The shipped error profiles are the figures measured on the recorded train answers.</summary>
public sealed class ErrorCalibrationTests(ITestOutputHelper output)
{
    /// <summary>
    /// The top tier's answer is kept without gates and covers every customer point by design, so its wrong share is
    /// not applied (its measured figure is reported in the README); its other figures are.
    /// </summary>
    private const string TopTier = "claude-opus-4-7";

    [Fact]
    public void ShippedProfilesAreTheMeasuredTrainFigures()
    {
        string folder = RecordedData.FolderOrSkip();
        SimulatorOptions shipped = RecordedData.ShippedOptions();
        var measurements = shipped.Models.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => (Id: m.Key, Model: m.Value, Measured: ErrorCalibrator.Measure(ErrorCalibrator.Read(folder, m.Value.ReplayAs, "train"))))
            .ToList();
        foreach ((string id, _, ErrorMeasurement measured) in measurements)
        {
            output.WriteLine($"{id}: answers={measured.Answers} graded={measured.GradedAnswers} wrong={measured.WrongShare:0.0000} hedged={measured.HedgedShare:0.0000} refusal={measured.RefusalShare:0.0000} cutoff={measured.CutOffShare:0.0000}");
            output.WriteLine($"  \"LogprobRight\": [ {string.Join(", ", measured.LogprobRight.Select(Round))} ],");
            output.WriteLine($"  \"LogprobWrong\": [ {string.Join(", ", measured.LogprobWrong.Select(Round))} ]");
        }

        foreach ((string id, SimulatedModelOptions model, ErrorMeasurement measured) in measurements)
        {

            ErrorProfileOptions errors = model.Errors;
            errors.WrongShare.ShouldBe(id == TopTier ? 0 : Math.Round(measured.WrongShare, 4), 1e-9, id);
            errors.HedgedShare.ShouldBe(Math.Round(measured.HedgedShare, 4), 1e-9, id);
            errors.RefusalShare.ShouldBe(Math.Round(measured.RefusalShare, 4), 1e-9, id);
            errors.CutOffShare.ShouldBe(Math.Round(measured.CutOffShare, 4), 1e-9, id);
            errors.LogprobRight.ShouldBe(measured.LogprobRight.Select(v => Math.Round(v, 4)).ToList(), id);
            errors.LogprobWrong.ShouldBe(measured.LogprobWrong.Select(v => Math.Round(v, 4)).ToList(), id);
        }
    }

    [Fact]
    public void RecordedAnswersAreClassifiedByTheirText()
    {
        ErrorCalibrator.IsHedged("I think it is Paris, but I'm not sure.").ShouldBeTrue();
        ErrorCalibrator.IsHedged("I think it is Paris.").ShouldBeFalse();
        ErrorCalibrator.IsRefusal("I'm sorry, but I can't help with that.").ShouldBeTrue();
        ErrorCalibrator.IsRefusal("Paris is the capital; sorry for the delay.").ShouldBeFalse();
    }

    private static string Round(double value) => Math.Round(value, 4).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
}
