using Cascade.Verifier.Calibration;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.Verifier.Tests.Calibration;

public class CalibratorTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "recorded");

    private static Task<GateCalibration> CalibrateFixturesAsync() =>
        Calibrator.CalibrateAsync(RecordedDataReader.ReadSplit(Fixtures, "train", ["cheap", "strong"]), 0.05, "fixtures", new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task Calibrate_LearnsALogprobThresholdPerModel()
    {
        GateCalibration calibration = await CalibrateFixturesAsync();

        ModelCalibration small = calibration.Workloads["mmlu"].Models["tiny-1b"];
        small.LogprobThreshold!.Value.ShouldBe(-0.38, 1e-9);
        small.Precision.ShouldBe(0.95);
        small.Recall.ShouldBe(1);
        small.Samples.ShouldBe(40);
        small.Abstention.ShouldBe(AbstentionRule.Reject);
        calibration.MaxFalseAcceptRate.ShouldBe(0.05);
        calibration.CreatedAt.ShouldBe(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Calibrate_TextChecksRejectWhatTheyCanBeforeTheThresholdIsFitted()
    {
        GateCalibration calibration = await CalibrateFixturesAsync();

        // "Either A or B" answers are wrong, and the multiple-choice check rejects them: the rest are all right.
        ModelCalibration large = calibration.Workloads["mmlu"].Models["tiny-70b"];
        large.TextChecksPrecision.ShouldBe(1);
        large.Abstention.ShouldBe(AbstentionRule.Accept);
        large.Precision.ShouldBe(1);
    }

    [Fact]
    public async Task Calibrate_WithoutLogprobsLearnsWhetherTheTextChecksSuffice()
    {
        GateCalibration calibration = await CalibrateFixturesAsync();

        ModelCalibration cheap = calibration.Workloads["arc_challenge"].Models["cheap"];
        cheap.LogprobThreshold.ShouldBeNull();
        cheap.Samples.ShouldBe(29);
        cheap.TextChecksPrecision.ShouldBe(1);
        cheap.Abstention.ShouldBe(AbstentionRule.Accept);
        cheap.Recall.ShouldBe(1);
        calibration.AbstentionFor("arc_challenge", "cheap").ShouldBe(AbstentionRule.Accept);
    }

    [Fact]
    public async Task Evaluate_MeasuresPrecisionAndRecallWithTheCalibration()
    {
        string file = Path.Combine(Path.GetTempPath(), $"calibration-{Guid.NewGuid():N}.json");
        (await CalibrateFixturesAsync()).Save(file);
        try
        {
            IReadOnlyList<EvaluationRow> rows = await CalibrationEvaluation.EvaluateAsync(RecordedDataReader.ReadSplit(Fixtures, "test"), file);

            // The test file is the first ten training questions: tiny-1b is right on all but question 5, all above the threshold.
            EvaluationRow small = rows.Single(r => r.Model == "tiny-1b");
            small.Answers.ShouldBe(10);
            small.Accepted.ShouldBe(10);
            small.Precision.ShouldBe(0.9);
            small.Recall.ShouldBe(1);
            EvaluationRow large = rows.Single(r => r.Model == "tiny-70b");
            large.Tier.ShouldBe(2);
            large.Accepted.ShouldBe(9);
            large.Precision.ShouldBe(1);
            CalibrationEvaluation.ToMarkdown(rows, 0.05).ShouldContain("| mmlu_tiny | 1 | tiny-1b | 10 | 0.900 | 100.0 % | 0.900 | 1.000 | no |");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
