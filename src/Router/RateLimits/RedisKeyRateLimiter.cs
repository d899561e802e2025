using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cascade.Router;

/// <summary>
/// Per-key request and token limits in Redis, shared by every replica: one Lua script checks both limits of the
/// current window and counts the request only when both admit it.
/// </summary>
/// <remarks>
/// <para>A window's counts live in the hash <c>ratelimit:{key}:{window}</c> (fields <c>requests</c> and <c>tokens</c>),
/// where <c>window</c> numbers the fixed windows of <see cref="RouterOptions.RateLimitWindow"/> since the clock's tick
/// zero, so every replica counts in the same window; the hash expires one window after its window ends.</para>
/// <para>While Redis is unreachable each replica admits on its own <see cref="KeyRateLimiter"/>, so during an outage N
/// replicas admit up to N times the rate.</para>
/// </remarks>
public sealed class RedisKeyRateLimiter : IKeyRateLimiter
{
    // KEYS: 1 the window's hash. ARGV: 1 request limit (-1: none), 2 token limit (-1: none), 3 tokens, 4 ttl ms.
    // Returns {allowed, refused by (0 none, 1 requests, 2 tokens), never fits, requests counted, tokens counted}.
    private const string AcquireScript = """
        local requests = tonumber(redis.call('HGET', KEYS[1], 'requests') or '0')
        local tokens = tonumber(redis.call('HGET', KEYS[1], 'tokens') or '0')
        local rlimit = tonumber(ARGV[1])
        local tlimit = tonumber(ARGV[2])
        local n = tonumber(ARGV[3])
        if tlimit >= 0 and n > tlimit then
          return {0, 2, 1, requests, tokens}
        end
        if tlimit >= 0 and tokens + n > tlimit then
          return {0, 2, 0, requests, tokens}
        end
        if rlimit >= 0 and requests + 1 > rlimit then
          return {0, 1, 0, requests, tokens}
        end
        requests = redis.call('HINCRBY', KEYS[1], 'requests', 1)
        tokens = redis.call('HINCRBY', KEYS[1], 'tokens', n)
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return {1, 0, 0, requests, tokens}
        """;

    private readonly RouterRedis _redis;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _window;
    private readonly KeyRateLimiter _local;

    /// <summary>Initializes the limiter.</summary>
    /// <param name="redis">The router's Redis.</param>
    /// <param name="options">The router options (the window).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="local">The limits this replica admits on while Redis is unreachable.</param>
    public RedisKeyRateLimiter(RouterRedis redis, IOptions<RouterOptions> options, TimeProvider timeProvider, KeyRateLimiter local)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _timeProvider = timeProvider;
        _window = options.Value.RateLimitWindow;
        _local = local ?? throw new ArgumentNullException(nameof(local));
    }

    /// <inheritdoc/>
    public async ValueTask<RateLimitDecision> TryAcquireAsync(ApiKeyRecord key, long tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        int? requestLimit = key.Policy.RequestsPerWindow;
        long? tokenLimit = key.Policy.TokensPerWindow;
        DateTimeOffset now = _timeProvider.GetUtcNow();
        DateTimeOffset end = KeyRateLimiter.WindowEnd(now, _window);
        if (requestLimit is null && tokenLimit is null)
        {
            return new RateLimitDecision { Allowed = true, ResetAfter = end - now };
        }

        if (_redis.IsAvailable)
        {
            try
            {
                long window = (end.UtcTicks / _window.Ticks) - 1;
                RedisResult[] result = (RedisResult[])(await _redis.Database.ScriptEvaluateAsync(
                    AcquireScript,
                    [_redis.Key($"ratelimit:{{{key.Id}}}:{window}")],
                    [requestLimit ?? -1, tokenLimit ?? -1, tokens, (long)Math.Ceiling((end - now + _window).TotalMilliseconds)]))!;
                long requests = (long)result[3];
                long counted = (long)result[4];
                return new RateLimitDecision
                {
                    Allowed = (long)result[0] == 1,
                    RefusedBy = (long)result[1] switch { 1 => RateLimitKind.Requests, 2 => RateLimitKind.Tokens, _ => null },
                    NeverFits = (long)result[2] == 1,
                    ResetAfter = end - now,
                    RequestLimit = requestLimit,
                    RequestsRemaining = requestLimit is { } r ? Math.Max(0, r - requests) : null,
                    TokenLimit = tokenLimit,
                    TokensRemaining = tokenLimit is { } t ? Math.Max(0, t - counted) : null,
                };
            }
            catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
            {
                _redis.ReportFailure(ex);
            }
        }

        return await _local.TryAcquireAsync(key, tokens, cancellationToken);
    }
}
