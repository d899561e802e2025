using System.Text;
using Cascade.Protocol;
using Cascade.Protocol.Anthropic;
using Cascade.Protocol.Sse;
using Cascade.Simulator.Billing;
using Cascade.Simulator.Tests.Infrastructure;

namespace Cascade.Simulator.Tests.Billing;

/// <summary>Billing of streams on a fake clock: a client that gives up pays for what was flushed, no more.</summary>
public sealed class StreamBillingTests : IDisposable
{
    private readonly ObservableTimeProvider _time = new();
    private readonly SimulatorServer _server;

    public StreamBillingTests() => _server = new SimulatorServer(_time);

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task ClientGivingUpMidStream_PaysForTheFlushedTokensOnly()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent("""{"model":"claude-haiku-4-5-20251001","max_tokens":200,"stream":true,"messages":[{"role":"user","content":"Which payment methods do you accept?"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", "giving-up");
        request.Headers.Add("x-request-id", "give-up");
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        Task<TimeSpan> firstToken = _time.NextTimerAsync();

        using HttpResponseMessage response = await _server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, giveUp.Token);
        Stream body = await response.Content.ReadAsStreamAsync(giveUp.Token);
        await using IAsyncEnumerator<SseEvent<AnthropicStreamEvent>> events = SseReader.ReadJsonAsync(body, ProtocolJsonContext.Default.AnthropicStreamEvent, giveUp.Token).GetAsyncEnumerator(giveUp.Token);
        (await events.MoveNextAsync()).ShouldBeTrue();
        events.Current.EventType.ShouldBe("message_start");
        long reportedInput = events.Current.Data.Message!.Usage.InputTokens;

        (await firstToken).ShouldBe(TimeSpan.FromMilliseconds(350));
        Task<TimeSpan> secondPiece = _time.NextTimerAsync();
        _time.Advance(TimeSpan.FromMilliseconds(350));
        string firstText = string.Empty;
        while (await events.MoveNextAsync())
        {
            if (events.Current.EventType == "content_block_delta")
            {
                firstText = events.Current.Data.Delta!.Text!;
                break;
            }
        }

        await secondPiece;
        LedgerEntry entry = _server.Ledger.ForRequest("give-up").ShouldHaveSingleItem();
        await giveUp.CancelAsync();
        response.Dispose();

        await entry.Completion.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        entry.Outcome.ShouldBe(LedgerOutcome.ClientDisconnected);
        firstText.ShouldBe("We");
        entry.OutputTokens.ShouldBe(Cascade.TokenCounter.Default.Count(firstText));
        entry.InputTokens.ShouldBe(reportedInput);
        entry.InputTokens.ShouldBeGreaterThan(0);
    }
}
