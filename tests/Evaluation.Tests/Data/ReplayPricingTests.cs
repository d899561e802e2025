using Cascade.Evaluation.Data;

namespace Cascade.Evaluation.Tests.Data;

public sealed class ReplayPricingTests
{
    [Fact]
    public void Fit_FindsTokenPricesThatReproduceEveryCost()
    {
        var pair = Fixture.MmluPair();

        var pricing = ReplayPricing.Fit(pair);

        pricing.Select(p => p.Mode).ShouldAllBe(m => m == PricingMode.Tokens);
        pricing.Select(p => p.Price.InputPerMillion).ShouldBe([0.1m, 0.9m, 3.0m]);
        foreach (var question in pair.Test.Questions)
        {
            for (int m = 0; m < pricing.Count; m++)
            {
                pricing[m].Price.CostOf(pricing[m].UsageOf(question.Answers[m])).ShouldBe(question.Answers[m].Cost);
            }
        }
    }

    [Fact]
    public void CostUnits_BillRecordedCostsWithoutTokenCounts()
    {
        var csv = Fixture.Csv();
        var pricing = ReplayPricing.CostUnits("cheap");

        foreach (var question in csv.Questions)
        {
            pricing.CostOf(question.Answers[0]).ShouldBe(question.Answers[0].Cost);
        }

        pricing.UsageOf(csv.Questions[0].Answers[0]).InputTokens.ShouldBe(100_000_000); // 1e-4 USD in picodollars
    }
}
