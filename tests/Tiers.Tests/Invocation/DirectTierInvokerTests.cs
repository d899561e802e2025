using Cascade.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.Tests.Invocation;

public class DirectTierInvokerTests
{
    private static Tier HaikuTier(IChatClient client) =>
        new("haiku", [new Deployment("primary", "anthropic", "claude-haiku-4-5-20251001", client, PriceTable.WithAnthropicCaching(1m, 5m))]);

    [Fact]
    public async Task GetResponseAsync_RecordsABilledAttempt()
    {
        var time = new FakeTimeProvider();
        var client = TestChatClient.Answering("Paris", inputTokens: 1_000, outputTokens: 200);
        client.TimeProvider = time;
        client.Delay = TimeSpan.FromMilliseconds(250);
        var ledger = new RequestLedger("req-1", timeProvider: time);

        Task<TierResponse> call = new DirectTierInvoker().GetResponseAsync(new TierRequest(HaikuTier(client), [new(ChatRole.User, "Capital of France?")], null, ledger));
        time.Advance(TimeSpan.FromMilliseconds(250));
        TierResponse result = await call;

        result.Response.Text.ShouldBe("Paris");
        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.ShouldBeSameAs(result.Attempt);
        attempt.Billed.ShouldBeTrue();
        attempt.Cost.ShouldBe(0.002m);
        attempt.Duration.ShouldBe(TimeSpan.FromMilliseconds(250));
        attempt.Usage.ShouldBe(new TokenUsage(1_000, 200));
    }

    [Fact]
    public async Task GetResponseAsync_FailureIsRecordedUnbilledAndWrapped()
    {
        var client = TestChatClient.Failing(new HttpRequestException("boom"));
        var ledger = new RequestLedger("req-2");

        var ex = await Should.ThrowAsync<TierFailedException>(() =>
            new DirectTierInvoker().GetResponseAsync(new TierRequest(HaikuTier(client), [new(ChatRole.User, "hi")], null, ledger)));

        ex.Tier.ShouldBe("haiku");
        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.Outcome.ShouldBe(AttemptOutcome.Failed);
        attempt.Billed.ShouldBeFalse();
        attempt.Error.ShouldBe("boom");
    }

    [Fact]
    public async Task GetStreamingResponseAsync_SumsStreamedUsage()
    {
        var client = TestChatClient.Answering("one two three", inputTokens: 50, outputTokens: 3);
        var ledger = new RequestLedger("req-3");

        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in new DirectTierInvoker().GetStreamingResponseAsync(new TierRequest(HaikuTier(client), [new(ChatRole.User, "count")], null, ledger)))
        {
            updates.Add(update);
        }

        updates.ToChatResponse().Text.ShouldBe("one two three");
        ledger.Attempts.ShouldHaveSingleItem().Usage.ShouldBe(new TokenUsage(50, 3));
        ledger.TotalCost.ShouldBe(0.000065m);
    }
}
