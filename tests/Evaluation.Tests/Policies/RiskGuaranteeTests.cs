using Cascade.Evaluation.Data;
using Cascade.Evaluation.Policies;
using Cascade.Evaluation.Scoring;

namespace Cascade.Evaluation.Tests.Policies;

public sealed class RiskGuaranteeTests
{
    [Fact]
    public void UpperBound_IsTheNormalBoundOnThePairedDifference_WithOneExtraDiscordanceEachWay()
    {
        // 100 questions: 10 lost (+1), 5 won (−1): mean 0.05. Adjusted: 102 values, sum 5, 17 non-zero.
        int[] losses = [.. Enumerable.Repeat(1, 10), .. Enumerable.Repeat(-1, 5), .. Enumerable.Repeat(0, 85)];
        double mean = 5.0 / 102;
        double variance = (17 - (102 * mean * mean)) / 101;
        double z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.9);

        RiskGuarantee.UpperBoundPoints(losses, 0.9, 0).ShouldBe(100 * (0.05 + (z * Math.Sqrt(variance) * Math.Sqrt(1.0 / 100))), 1e-9);
        RiskGuarantee.UpperBoundPoints(losses, 0.9, 400).ShouldBe(100 * (0.05 + (z * Math.Sqrt(variance) * Math.Sqrt((1.0 / 100) + (1.0 / 400)))), 1e-9);
    }

    [Fact]
    public void UpperBound_OfARuleThatNeverDisagrees_IsAboveZero()
    {
        RiskGuarantee.UpperBoundPoints(new int[300], 0.9, 0).ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData(new[] { 2 }, "-1, 0 or 1")]
    [InlineData(new int[0], "at least one")]
    public void UpperBound_BadLosses_SayWhatIsExpected(int[] losses, string message)
    {
        Should.Throw<ArgumentException>(() => RiskGuarantee.UpperBoundPoints(losses, 0.9, 0)).Message.ShouldContain(message);
    }

    [Fact]
    public void Certify_TestsInTheGivenOrder_StopsAtTheFirstFailure_AndKeepsTheCheapestCertified()
    {
        int[] safe = new int[1000];
        int[] risky = [.. Enumerable.Repeat(1, 100), .. new int[900]];
        var rules = new List<(IReadOnlyList<int>, double)> { (safe, 0.9), (safe, 0.6), (safe, 0.7), (risky, 0.5), (safe, 0.2) };

        // 0.9, 0.6 and 0.7 pass; the risky rule fails, so the cheap safe rule after it is never reached.
        RiskGuarantee.Certify(rules, 0.9, 1, 0, out double[] bounds).ShouldBe(1);
        bounds[3].ShouldBeGreaterThan(1);
        double.IsNaN(bounds[4]).ShouldBeTrue();
    }

    [Fact]
    public void Certify_KeepsTheReference_WhenNothingCheaperPasses()
    {
        int[] lossy = [.. Enumerable.Repeat(1, 50), .. new int[50]];

        RiskGuarantee.Certify([(lossy, 0.3)], 0.9, 1, 0, out _).ShouldBeNull();
        RiskGuarantee.Certify([(new int[500], 1.2)], 0.9, 1, 0, out _).ShouldBeNull(); // certified but dearer than the reference
    }

    [Fact]
    public void Search_AtHigherConfidence_NeverGuaranteesACheaperPoint()
    {
        var pair = Fixture.MmluPair();
        var train = ScoredSplit.Create(pair.Train, ReplayPricing.Fit(pair));

        double Cost(double confidence) => new PolicySearch(train, new SearchOptions { GuaranteeConfidence = confidence, GuaranteeSampleSize = 30 })
            .Run(GateFamily.Logprob).GuaranteeHeldOutCostRatio;

        var costs = new[] { 0.5, 0.8, 0.9, 0.99, 0.999999 }.Select(Cost).ToArray();
        for (int i = 1; i < costs.Length; i++)
        {
            costs[i].ShouldBeGreaterThanOrEqualTo(costs[i - 1]);
        }

        costs[^1].ShouldBe(1); // at near-certainty on 40 questions nothing cheaper than the reference is certified
    }

    [Fact]
    public void Search_GuaranteedPointIsTheReferenceAlone_WhenNoRuleIsCertified()
    {
        var pair = Fixture.MmluPair();
        var train = ScoredSplit.Create(pair.Train, ReplayPricing.Fit(pair));
        var search = new PolicySearch(train, new SearchOptions { GuaranteeConfidence = 0.999999 });

        var calibration = search.Run(GateFamily.Logprob);

        calibration.GuaranteeIsReference.ShouldBeTrue();
        calibration.Guaranteed!.Policy.Tiers.ShouldBe([search.BestSingleModel()]);
    }

    [Fact]
    public void Search_WithoutCrossValidation_HasNoGuaranteedPoint()
    {
        var pair = Fixture.MmluPair();
        var train = ScoredSplit.Create(pair.Train, ReplayPricing.Fit(pair));

        new PolicySearch(train, new SearchOptions { CrossValidate = false }).Run(GateFamily.Logprob).Guaranteed.ShouldBeNull();
    }
}
