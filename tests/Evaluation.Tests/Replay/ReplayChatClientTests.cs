using Cascade.Evaluation.Data;
using Cascade.Evaluation.Policies;
using Cascade.Evaluation.Replay;
using Cascade.Evaluation.Scoring;
using Microsoft.Extensions.AI;

namespace Cascade.Evaluation.Tests.Replay;

public sealed class ReplayChatClientTests
{
    [Fact]
    public async Task ReplayClient_ReturnsTheRecordedAnswerUsageAndConfidence()
    {
        var pair = Fixture.MmluPair();
        var pricing = ReplayPricing.Fit(pair);
        var test = ScoredSplit.Create(pair.Test, pricing);
        using var client = new ReplayChatClient(test, 1);
        var recorded = pair.Test.Questions[3].Answers[1];

        var response = await client.GetResponseAsync([new(ChatRole.User, "q")], new ChatOptions { AdditionalProperties = new() { [ReplayChatClient.QuestionKey] = 3 } }, TestContext.Current.CancellationToken);

        response.Text.ShouldBe(recorded.Text);
        response.ModelId.ShouldBe("mid");
        response.AdditionalProperties![ReplayChatClient.LogprobConfidenceKey].ShouldBe(recorded.LogprobConfidence);
        pricing[1].Price.CostOf(TokenUsage.FromUsageDetails(response.Usage)).ShouldBe(recorded.Cost);
    }

    [Fact]
    public async Task ReplayClient_WithoutAQuestion_SaysWhatToSet()
    {
        var pair = Fixture.MmluPair();
        using var client = new ReplayChatClient(ScoredSplit.Create(pair.Test, ReplayPricing.Fit(pair)), 0);

        var error = await Should.ThrowAsync<ArgumentException>(() => client.GetResponseAsync([new(ChatRole.User, "q")], cancellationToken: TestContext.Current.CancellationToken));

        error.Message.ShouldContain(ReplayChatClient.QuestionKey);
    }
}
