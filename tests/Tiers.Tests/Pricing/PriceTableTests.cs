namespace Cascade.Tests.Pricing;

public class PriceTableTests
{
    [Fact]
    public void CostOf_IsExactInDecimal()
    {
        var haiku = PriceTable.WithAnthropicCaching(1m, 5m);

        // 1,234 input and 567 output tokens: 0.001234 + 0.002835 USD, exactly.
        haiku.CostOf(1_234, 567).ShouldBe(0.004069m);
    }

    [Fact]
    public void CostOf_ManySmallCallsSumWithoutDrift()
    {
        var sonnet = PriceTable.WithAnthropicCaching(3m, 15m);
        decimal total = 0;
        for (int i = 0; i < 100_000; i++)
        {
            total += sonnet.CostOf(1, 1);
        }

        total.ShouldBe(1.8m);
    }

    [Fact]
    public void WithAnthropicCaching_DerivesCachePrices()
    {
        var opus = PriceTable.WithAnthropicCaching(5m, 25m);

        opus.CacheWritePerMillion.ShouldBe(6.25m);
        opus.CacheReadPerMillion.ShouldBe(0.5m);
        opus.CostOf(new TokenUsage(InputTokens: 0, OutputTokens: 0, CacheWriteTokens: 1_000_000, CacheReadTokens: 2_000_000)).ShouldBe(7.25m);
    }

    [Fact]
    public void Constructor_RejectsNegativePrice()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new PriceTable(-1m, 0, 0, 0)).ParamName.ShouldBe("inputPerMillion");
    }

    [Fact]
    public void Free_CostsNothing() => PriceTable.Free.CostOf(1_000_000, 1_000_000).ShouldBe(0m);
}
