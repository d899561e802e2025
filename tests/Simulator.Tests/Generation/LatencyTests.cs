using Cascade.Simulator.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Cascade.Simulator.Tests.Generation;

/// <summary>The latency profile on a fake clock: time to first token, then tokens per second.</summary>
public sealed class LatencyTests : IDisposable
{
    private readonly ObservableTimeProvider _time = new();
    private readonly SimulatorServer _server;

    public LatencyTests() => _server = new SimulatorServer(_time);

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task NonStreaming_WaitsTimeToFirstTokenPlusGenerationTime()
    {
        Task<TimeSpan> timer = _time.NextTimerAsync();
        Task<ChatResponse> call = _server.OpenAI("gpt-4o-mini").GetResponseAsync("How long does delivery take?", cancellationToken: TestContext.Current.CancellationToken);

        TimeSpan due = await timer;
        call.IsCompleted.ShouldBeFalse();
        _time.Advance(due);
        ChatResponse response = await call;

        // gpt-4o-mini: 300 ms to first token, 120 tokens per second.
        due.TotalMilliseconds.ShouldBe(300 + (response.Usage!.OutputTokenCount!.Value * 1000 / 120.0), 1.0);
    }

    [Fact]
    public async Task SlowFirstToken_AddsTheDelay()
    {
        using IDisposable scope = TestHeaders.Scope(("x-sim-fault", "slow;delay=4000"));
        Task<TimeSpan> timer = _time.NextTimerAsync();
        Task<ChatResponse> call = _server.Anthropic(SimulatorServer.Haiku).GetResponseAsync("How long does delivery take?", cancellationToken: TestContext.Current.CancellationToken);

        TimeSpan due = await timer;
        _time.Advance(due);
        ChatResponse response = await call;

        due.TotalMilliseconds.ShouldBe(350 + 4000 + (response.Usage!.OutputTokenCount!.Value * 1000 / 150.0), 1.0);
    }

    [Fact]
    public async Task Streaming_PacesEachPieceByItsTokens()
    {
        Task<TimeSpan> first = _time.NextTimerAsync();
        var updates = new List<string>();
        Task consume = Task.Run(async () =>
        {
            await foreach (ChatResponseUpdate update in _server.Anthropic(SimulatorServer.Opus).GetStreamingResponseAsync("What are your support hours?", cancellationToken: TestContext.Current.CancellationToken))
            {
                if (update.Text.Length > 0)
                {
                    lock (updates)
                    {
                        updates.Add(update.Text);
                    }
                }
            }
        });

        TimeSpan ttft = await first;
        ttft.ShouldBe(TimeSpan.FromMilliseconds(1200));
        var gaps = new List<TimeSpan>();
        Task<TimeSpan> next = _time.NextTimerAsync();
        _time.Advance(ttft);
        while (await Task.WhenAny(next, consume) == next)
        {
            TimeSpan gap = await next;
            gaps.Add(gap);
            next = _time.NextTimerAsync();
            _time.Advance(gap);
        }

        await consume;
        updates.Count.ShouldBe(gaps.Count + 1);
        for (int i = 0; i < gaps.Count; i++)
        {
            // Task.Delay hands whole milliseconds to the timer.
            gaps[i].TotalMilliseconds.ShouldBe(Cascade.TokenCounter.Default.Count(updates[i + 1]) * 1000 / 45.0, 1.0);
        }
    }
}
