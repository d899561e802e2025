namespace Cascade.Router;

/// <summary>Keeps requests with an <c>Idempotency-Key</c> from running (and being paid for) twice.</summary>
/// <remarks>
/// Keys are scoped to the API key that sent them. A key whose first request is still running is refused with 409
/// (the caller retries after <c>Retry-After</c>) instead of making the second request wait: a wait would hold a
/// connection for as long as the slowest tier, and the 409 is what OpenAI's and Stripe's APIs do.
/// </remarks>
public interface IIdempotencyStore
{
    /// <summary>Claims <paramref name="key"/> for a request, or says why it must not run.</summary>
    /// <param name="scope">The API key id.</param>
    /// <param name="key">The caller's <c>Idempotency-Key</c>.</param>
    /// <param name="fingerprint">The request's fingerprint.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<IdempotencyBegin> BeginAsync(string scope, string key, string fingerprint, CancellationToken cancellationToken = default);

    /// <summary>Stores the answer of a claimed key.</summary>
    ValueTask CompleteAsync(string scope, string key, string fingerprint, StoredResponse response, CancellationToken cancellationToken = default);

    /// <summary>Releases a claimed key whose request ended without an answer worth keeping, so a retry may run.</summary>
    ValueTask AbandonAsync(string scope, string key, CancellationToken cancellationToken = default);
}
