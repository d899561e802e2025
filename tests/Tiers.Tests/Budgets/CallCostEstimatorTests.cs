using Cascade.Testing;
using Microsoft.Extensions.AI;

namespace Cascade.Tests.Budgets;

public class CallCostEstimatorTests
{
    private static readonly Deployment Haiku = new("primary", "anthropic", "claude-haiku-4-5-20251001", new TestChatClient(), PriceTable.WithAnthropicCaching(1m, 5m));

    [Theory]
    [InlineData("Hello, world!")]
    [InlineData("Ünïcödé façade — naïve café 東京 🙂")]
    [InlineData("def f(x):\n    return [i * i for i in range(x) if i % 3 == 0]")]
    public void ByteBound_IsNeverBelowTheTokenizerCount(string text)
    {
        ChatMessage[] messages = [new(ChatRole.System, "Be brief."), new(ChatRole.User, text)];

        CallCostEstimator.ByteBound(messages, null).ShouldBeGreaterThanOrEqualTo(TokenCounter.Default.CountInput(messages));
    }

    [Fact]
    public void Estimate_FarFromTheCeiling_UsesTheCheapBound()
    {
        ChatMessage[] messages = [new(ChatRole.User, "Hello there")];

        CallEstimate estimate = new CallCostEstimator().Estimate(messages, new ChatOptions { MaxOutputTokens = 10 }, Haiku, remainingCost: 10m);

        estimate.Exact.ShouldBeFalse();
        estimate.InputTokens.ShouldBe(CallCostEstimator.ByteBound(messages, null));
        estimate.MaxCost.ShouldBe(Haiku.Price.CostOf(estimate.InputTokens, 10));
    }

    [Fact]
    public void Estimate_NearTheCeiling_CountsExactly()
    {
        ChatMessage[] messages = [new(ChatRole.User, "Hello there")];

        CallEstimate estimate = new CallCostEstimator().Estimate(messages, new ChatOptions { MaxOutputTokens = 10 }, Haiku, remainingCost: 0.00001m);

        estimate.Exact.ShouldBeTrue();
        estimate.InputTokens.ShouldBe(TokenCounter.Default.CountInput(messages));
    }
}
