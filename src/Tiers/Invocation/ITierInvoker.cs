using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// Calls one tier: chooses a deployment, applies the tier's reliability rules, and records every provider
/// call in the request's ledger. This is the seam between cost escalation (the cascade, which moves up the
/// ladder) and reliability (which stays inside one tier).
/// </summary>
public interface ITierInvoker
{
    /// <summary>Gets a complete answer from the tier.</summary>
    /// <param name="request">What to send and how to record it.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The answer and the attempt that produced it.</returns>
    /// <exception cref="TierFailedException">No deployment of the tier produced an answer.</exception>
    Task<TierResponse> GetResponseAsync(TierRequest request, CancellationToken cancellationToken = default);

    /// <summary>Streams an answer from the tier. Failover happens only before the first update.</summary>
    /// <param name="request">What to send and how to record it.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <exception cref="TierFailedException">No deployment of the tier started an answer.</exception>
    IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(TierRequest request, CancellationToken cancellationToken = default);
}

/// <summary>One call to a tier.</summary>
/// <param name="Tier">The tier.</param>
/// <param name="Messages">The messages to send (already trimmed for the handoff).</param>
/// <param name="Options">The chat options.</param>
/// <param name="Ledger">The request's ledger, which receives every attempt.</param>
/// <param name="Kind">Why the tier is called (initial, escalation, verification, ...).</param>
/// <param name="SwitchCause">The cause of the switch that led to this call, recorded on its first attempt.</param>
public sealed record TierRequest(
    Tier Tier,
    IReadOnlyList<ChatMessage> Messages,
    ChatOptions? Options,
    RequestLedger Ledger,
    AttemptKind Kind = AttemptKind.Initial,
    string? SwitchCause = null)
{
    /// <summary>Gets whether the caller judges the answer before it is final (a cascade's gates): the answer's attempt span
    /// then stays open until the verdict is recorded with <see cref="RequestLedger.Update"/>.</summary>
    public bool AnswerJudged { get; init; }
}

/// <summary>A tier's answer and the attempt that produced it.</summary>
/// <param name="Response">The answer.</param>
/// <param name="Attempt">The successful attempt (already in the ledger).</param>
public sealed record TierResponse(ChatResponse Response, AttemptRecord Attempt);
