using Cascade.Protocol.Sse;
using Cascade.Simulator.Billing;

namespace Cascade.Simulator.Generation;

/// <summary>
/// One streamed answer: the SSE writer, the latency clock and the billing of each flushed piece. A piece is billed
/// only after its event was written and flushed, so the ledger shows what reached the client.
/// </summary>
internal sealed class StreamSession
{
    private readonly TimeProvider _time;
    private readonly long _cutAt;
    private readonly long _stallAt;
    private readonly long _malformedAt;

    public StreamSession(HttpContext context, LedgerEntry entry, TimeProvider time, TimeSpan timeToFirstToken, long cutAt, bool malformed, long stallAt = long.MaxValue, long malformedAt = long.MaxValue)
    {
        Context = context;
        Entry = entry;
        _time = time;
        TimeToFirstToken = timeToFirstToken;
        _cutAt = cutAt;
        _stallAt = stallAt;
        _malformedAt = malformedAt;
        Malformed = malformed;
        Sse = new SseWriter(context.Response.Body);
    }

    public HttpContext Context { get; }

    public LedgerEntry Entry { get; }

    public SseWriter Sse { get; }

    public TimeSpan TimeToFirstToken { get; }

    /// <summary>Gets whether an injected fault replaces the first content event with broken JSON.</summary>
    public bool Malformed { get; }

    public long TokensSent { get; private set; }

    public CancellationToken Aborted => Context.RequestAborted;

    /// <summary>Throws <see cref="StreamCutException"/> when sending <paramref name="tokens"/> more would pass the injected cut.</summary>
    public void CheckCut(long tokens)
    {
        if (TokensSent + tokens > _cutAt)
        {
            throw new StreamCutException();
        }
    }

    /// <summary>
    /// Applies a fault that strikes once <paramref name="tokens"/> more would pass its point: throws
    /// <see cref="StreamCutException"/> for a cut, holds the stream until the client gives up for a stall, writes
    /// <paramref name="writeMalformed"/>'s broken event for a late malformed one.
    /// </summary>
    /// <returns><see langword="true"/> when the stream must end here (a broken event was written).</returns>
    public async Task<bool> InterruptAsync(long tokens, Func<Task> writeMalformed)
    {
        CheckCut(tokens);
        if (TokensSent + tokens > _stallAt)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, Aborted);
        }

        if (TokensSent + tokens > _malformedAt)
        {
            await writeMalformed();
            return true;
        }

        return false;
    }

    public Task DelayAsync(TimeSpan delay) => LatencyClock.DelayAsync(_time, delay, Aborted);

    /// <summary>Bills tokens whose event was just flushed.</summary>
    public void Sent(long tokens)
    {
        TokensSent += tokens;
        Entry.AddOutput(tokens);
    }
}
