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

    public StreamSession(HttpContext context, LedgerEntry entry, TimeProvider time, TimeSpan timeToFirstToken, long cutAt, bool malformed)
    {
        Context = context;
        Entry = entry;
        _time = time;
        TimeToFirstToken = timeToFirstToken;
        _cutAt = cutAt;
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

    public Task DelayAsync(TimeSpan delay) => LatencyClock.DelayAsync(_time, delay, Aborted);

    /// <summary>Bills tokens whose event was just flushed.</summary>
    public void Sent(long tokens)
    {
        TokensSent += tokens;
        Entry.AddOutput(tokens);
    }
}
