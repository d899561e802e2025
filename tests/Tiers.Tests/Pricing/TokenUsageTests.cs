using Microsoft.Extensions.AI;

namespace Cascade.Tests.Pricing;

public class TokenUsageTests
{
    [Fact]
    public void FromUsageDetails_SplitsCachedInput()
    {
        var details = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 7, CachedInputTokenCount = 40 };

        TokenUsage usage = TokenUsage.FromUsageDetails(details);

        usage.ShouldBe(new TokenUsage(60, 7, 0, 40));
        usage.ToUsageDetails().InputTokenCount.ShouldBe(100);
    }

    [Fact]
    public void Add_KeepsEstimatedFlag()
    {
        TokenUsage sum = new TokenUsage(1, 2) + new TokenUsage(3, 4, IsEstimated: true);

        sum.ShouldBe(new TokenUsage(4, 6, IsEstimated: true));
    }

    [Fact]
    public void FromUsageDetails_Null_IsZero() => TokenUsage.FromUsageDetails(null).ShouldBe(TokenUsage.None);
}
