using Cascade.Evaluation.Policies;
using Cascade.Evaluation.Reports;

namespace Cascade.Evaluation.Tests.Reports;

public sealed class HeadlineStatisticsTests
{
    [Fact]
    public void HitRate_ClopperPearsonAndBinomialTest()
    {
        var rate = HitRate.Of([.. Enumerable.Repeat(true, 27), .. Enumerable.Repeat(false, 3)], 0.9);

        rate.Share.ShouldBe(0.9);
        rate.Low.ShouldBe(0.7347, 1e-3); // Clopper–Pearson for 27 of 30
        rate.High.ShouldBe(0.9789, 1e-3);
        rate.PValue.ShouldBe(0.5886, 1e-3); // P(X ≤ 27) for X ~ Binomial(30, 0.9)
        HitRate.Of([true], 0.9).PValue.ShouldBe(1);
        HitRate.Of(Enumerable.Repeat(true, 10).Concat(Enumerable.Repeat(false, 10)), 0.9).PValue.ShouldBeLessThan(0.001);
    }

    [Fact]
    public void Bootstrap_IsSeeded_AndItsIntervalHoldsTheEstimate()
    {
        var policy = Outcome([true, true, false, true, false, true, true, true], [1, 2, 1, 5, 1, 1, 2, 1]);
        var reference = Outcome([true, true, true, true, false, true, true, false], [4, 4, 4, 4, 4, 4, 4, 4]);

        var first = PairedBootstrap.Of([(policy, reference)], seed: 3);
        var again = PairedBootstrap.Of([(policy, reference)], seed: 3);

        again.PerDataset.ShouldBe(first.PerDataset);
        again.MeanCostRatio.ShouldBe(first.MeanCostRatio);
        var (accuracy, ratio) = first.PerDataset[0];
        accuracy.Estimate.ShouldBe(0.75);
        ratio.Estimate.ShouldBe(14.0 / 32);
        accuracy.Low.ShouldBeLessThan(0.75);
        accuracy.High.ShouldBeGreaterThan(0.75);
        ratio.Low.ShouldBeLessThan(ratio.Estimate);
        ratio.High.ShouldBeGreaterThan(ratio.Estimate);
        first.MeanCostRatio.ShouldBe(ratio);
    }

    [Fact]
    public void Bootstrap_WithoutPerQuestionOutcomes_IsAnError()
    {
        var bare = new PolicyOutcome(2, 1, 10, [2], 0, [0, 0]);

        Should.Throw<ArgumentException>(() => PairedBootstrap.Of([(bare, bare)], 1)).Message.ShouldContain("per-question");
    }

    private static PolicyOutcome Outcome(bool[] right, long[] cost) =>
        new(right.Length, right.Count(r => r), cost.Sum(), [right.Length], 0, new long[right.Length]) { RightPerQuestion = right, CostUnitsPerQuestion = cost };
}
