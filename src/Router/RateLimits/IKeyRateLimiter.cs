namespace Cascade.Router;

/// <summary>
/// Per-key request and token limits over fixed windows of <see cref="RouterOptions.RateLimitWindow"/>, aligned to the
/// clock so that every replica's window ends at the same instant.
/// </summary>
/// <remarks>
/// <see cref="KeyRateLimiter"/> holds the limits in one process; <see cref="RedisKeyRateLimiter"/> holds them in Redis,
/// so N replicas together admit the configured rate, not N times it.
/// </remarks>
public interface IKeyRateLimiter
{
    /// <summary>Takes one request and <paramref name="tokens"/> tokens from the key's limits, or says which limit refuses.</summary>
    /// <param name="key">The API key.</param>
    /// <param name="tokens">The request's token estimate: prompt plus the most output it asks for.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<RateLimitDecision> TryAcquireAsync(ApiKeyRecord key, long tokens, CancellationToken cancellationToken = default);
}
