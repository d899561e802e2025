using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Cascade.Router;

/// <summary>
/// Per-key request and token limits in this process, on <see cref="TokenBucketRateLimiter"/>s that refill to full once per
/// <see cref="RouterOptions.RateLimitWindow"/>, on the <see cref="TimeProvider"/>'s clock.
/// </summary>
/// <remarks>
/// The limits of a single replica, and what <see cref="RedisKeyRateLimiter"/> falls back on while Redis is unreachable.
/// Windows are aligned to the clock (a one-minute window ends on the minute), the same windows the Redis limits count
/// in; every key's window ends at the same tick, which is what the reset headers report.
/// </remarks>
public sealed class KeyRateLimiter : IKeyRateLimiter, IDisposable
{
    private readonly ConcurrentDictionary<string, Buckets> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _window;
    private readonly ITimer _timer;
    private long _nextRefillTicks;

    /// <summary>Initializes the limiter.</summary>
    public KeyRateLimiter(IOptions<RouterOptions> options, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _window = options.Value.RateLimitWindow;
        DateTimeOffset now = timeProvider.GetUtcNow();
        DateTimeOffset end = WindowEnd(now, _window);
        _nextRefillTicks = end.UtcTicks;
        _timer = timeProvider.CreateTimer(_ => Refill(), null, end - now, _window);
    }

    /// <summary>Gets the end of the window <paramref name="now"/> falls in: windows are aligned to the clock's tick zero.</summary>
    public static DateTimeOffset WindowEnd(DateTimeOffset now, TimeSpan window) =>
        new(((now.UtcTicks / window.Ticks) + 1) * window.Ticks, TimeSpan.Zero);

    /// <inheritdoc/>
    public ValueTask<RateLimitDecision> TryAcquireAsync(ApiKeyRecord key, long tokens, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TryAcquire(key, tokens));

    /// <summary>Takes one request and <paramref name="tokens"/> tokens from the key's limits, or says which limit refuses.</summary>
    /// <param name="key">The API key.</param>
    /// <param name="tokens">The request's token estimate: prompt plus the most output it asks for.</param>
    public RateLimitDecision TryAcquire(ApiKeyRecord key, long tokens)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        int? requestLimit = key.Policy.RequestsPerWindow;
        long? tokenLimit = key.Policy.TokensPerWindow;
        TimeSpan reset = TimeSpan.FromTicks(Math.Max(0, Interlocked.Read(ref _nextRefillTicks) - _timeProvider.GetUtcNow().UtcTicks));
        if (requestLimit is null && tokenLimit is null)
        {
            return new RateLimitDecision { Allowed = true, ResetAfter = reset };
        }

        Buckets buckets = _buckets.AddOrUpdate(
            key.Id,
            _ => new Buckets(requestLimit, tokenLimit),
            (_, existing) => existing.RequestLimit == requestLimit && existing.TokenLimit == tokenLimit ? existing : new Buckets(requestLimit, tokenLimit));

        RateLimitKind? refused = null;
        bool neverFits = false;
        lock (buckets)
        {
            if (tokenLimit is { } limit && tokens > limit)
            {
                refused = RateLimitKind.Tokens;
                neverFits = true;
            }
            else if (buckets.Tokens is { } available && available.GetStatistics()!.CurrentAvailablePermits < tokens)
            {
                // Checked before a request permit is taken, so a token refusal does not also use up a request.
                refused = RateLimitKind.Tokens;
            }
            else if (buckets.Requests is { } requests && !Acquire(requests, 1))
            {
                refused = RateLimitKind.Requests;
            }
            else if (buckets.Tokens is { } tokenBucket && !Acquire(tokenBucket, tokens))
            {
                refused = RateLimitKind.Tokens;
            }
        }

        return new RateLimitDecision
        {
            Allowed = refused is null,
            RefusedBy = refused,
            NeverFits = neverFits,
            ResetAfter = reset,
            RequestLimit = requestLimit,
            RequestsRemaining = buckets.Requests?.GetStatistics()?.CurrentAvailablePermits,
            TokenLimit = tokenLimit,
            TokensRemaining = buckets.Tokens?.GetStatistics()?.CurrentAvailablePermits,
        };
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _timer.Dispose();
        foreach (Buckets buckets in _buckets.Values)
        {
            buckets.Requests?.Dispose();
            buckets.Tokens?.Dispose();
        }
    }

    private static bool Acquire(RateLimiter limiter, long permits)
    {
        if (permits == 0)
        {
            return true;
        }

        using RateLimitLease lease = limiter.AttemptAcquire((int)Math.Min(permits, int.MaxValue));
        return lease.IsAcquired;
    }

    private void Refill()
    {
        Interlocked.Add(ref _nextRefillTicks, _window.Ticks);
        foreach (Buckets buckets in _buckets.Values)
        {
            buckets.Requests?.TryReplenish();
            buckets.Tokens?.TryReplenish();
        }
    }

    private sealed class Buckets(int? requestLimit, long? tokenLimit)
    {
        public int? RequestLimit { get; } = requestLimit;

        public long? TokenLimit { get; } = tokenLimit;

        public TokenBucketRateLimiter? Requests { get; } = requestLimit is { } r ? Create(r) : null;

        public TokenBucketRateLimiter? Tokens { get; } = tokenLimit is { } t ? Create((int)Math.Min(t, int.MaxValue)) : null;

        // The window is kept by the TimeProvider timer that calls TryReplenish. A manually replenished limiter still
        // ignores a call made less than its period after the last one by the machine's clock, so the period is one tick.
        private static TokenBucketRateLimiter Create(int limit) => new(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit,
            TokensPerPeriod = limit,
            ReplenishmentPeriod = TimeSpan.FromTicks(1),
            AutoReplenishment = false,
            QueueLimit = 0,
        });
    }
}
