using Cascade.Verifier.Calibration;

namespace Cascade.Verifier.Tests.Calibration;

public class ThresholdFitTests
{
    [Fact]
    public void Fit_KeepsTheMostAnswersWhoseWrongShareStaysUnderTheTarget()
    {
        (double, bool)[] samples = [(-0.1, true), (-0.2, true), (-0.3, true), (-0.4, false), (-0.5, true), (-0.6, false), (-0.7, false)];

        ThresholdFit strict = ThresholdFit.Fit(samples, 0.05);
        ThresholdFit lax = ThresholdFit.Fit(samples, 0.2);

        strict.Threshold.ShouldBe(-0.3);
        strict.Accepted.ShouldBe(3);
        strict.Precision.ShouldBe(1);
        strict.Recall.ShouldBe(0.75);
        lax.Threshold.ShouldBe(-0.5);
        lax.Precision.ShouldBe(0.8);
        lax.Recall.ShouldBe(1);
    }

    [Fact]
    public void Fit_AcceptsOrRejectsTiesTogether()
    {
        ThresholdFit fit = ThresholdFit.Fit([(-0.1, true), (-0.2, true), (-0.2, false), (-0.2, true)], 0.05);

        fit.Threshold.ShouldBe(-0.1);
        fit.Accepted.ShouldBe(1);
    }

    [Fact]
    public void Fit_AcceptsNothingWhenNoThresholdMeetsTheTarget()
    {
        ThresholdFit fit = ThresholdFit.Fit([(-0.1, false), (-0.2, true)], 0.05);

        fit.Threshold.ShouldBe(0);
        fit.Accepted.ShouldBe(0);
        fit.Recall.ShouldBe(0);
    }

    [Fact]
    public void Fit_CountsAnswersRejectedEarlierInTheRecall()
    {
        ThresholdFit fit = ThresholdFit.Fit([(-0.1, true)], 0.05, totalCorrect: 4, total: 10);

        fit.Recall.ShouldBe(0.25);
        fit.AcceptRate.ShouldBe(0.1);
    }

    [Fact]
    public void Fit_WithConfidenceNeedsEnoughEvidence()
    {
        // 19 of 20 right is 95 % observed, but its 90 % Wilson lower bound is about 0.85: not enough for a 5 % target.
        (double, bool)[] twenty = Enumerable.Range(0, 20).Select(i => (-0.01 * i, i != 5)).ToArray();
        (double, bool)[] thousand = Enumerable.Range(0, 1000).Select(i => (-0.001 * i, i % 50 != 0 || i >= 900)).ToArray();

        ThresholdFit.Fit(twenty, 0.05).Accepted.ShouldBe(20);
        ThresholdFit.Fit(twenty, 0.05, confidence: 0.9).Accepted.ShouldBe(0);
        ThresholdFit.PrecisionBound(19, 20, MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.9)).ShouldBe(0.847, 0.001);
        ThresholdFit fit = ThresholdFit.Fit(thousand, 0.05, confidence: 0.9);
        fit.Accepted.ShouldBeGreaterThan(900);
        ThresholdFit.PrecisionBound(fit.AcceptedCorrect, fit.Accepted, 1.2816).ShouldBeGreaterThanOrEqualTo(0.95);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Fit_RejectsATargetOutsideZeroToOne(double rate)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ThresholdFit.Fit([], rate));
    }
}
