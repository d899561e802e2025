using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Cascade.Verifier.Verification;

/// <summary>
/// Remembers verdicts by candidate, so the same answer to the same request is judged once: concurrent asks for one
/// candidate share one evaluation, later ones reuse its result until it expires.
/// </summary>
public sealed class VerificationCache : IDisposable
{
    private readonly MemoryCache? _cache;
    private readonly ConcurrentDictionary<string, Lazy<Task<Evaluation>>> _inFlight = new(StringComparer.Ordinal);
    private readonly TimeSpan _duration;

    /// <summary>Initializes the cache.</summary>
    public VerificationCache(IOptions<VerifierOptions> options, TimeProvider timeProvider)
    {
        VerifierOptions value = options.Value;
        _duration = value.CacheDuration;
        if (value.CacheSize > 0)
        {
            _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = value.CacheSize, Clock = new TimeProviderClock(timeProvider) });
        }
    }

    /// <summary>Computes the key of a request: everything that can change the verdict, not the caller's request id.</summary>
    public static string KeyOf(VerificationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string json = JsonSerializer.Serialize(request with { RequestId = null }, VerifierJsonContext.Default.VerificationRequest);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>Gets the cached result of a request, or evaluates it once; an evaluation that is not cacheable (a model call failed) is not kept.</summary>
    /// <returns>The result and whether it came from the cache (or from another caller's evaluation).</returns>
    public async Task<(VerificationResult Result, bool Cached)> GetOrEvaluateAsync(VerificationRequest request, Func<Task<Evaluation>> evaluate)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        if (_cache is null)
        {
            return ((await evaluate()).Result, false);
        }

        string key = KeyOf(request);
        if (_cache.TryGetValue(key, out VerificationResult? cached) && cached is not null)
        {
            return (cached, true);
        }

        var mine = new Lazy<Task<Evaluation>>(evaluate, LazyThreadSafetyMode.ExecutionAndPublication);
        Lazy<Task<Evaluation>> shared = _inFlight.GetOrAdd(key, mine);
        try
        {
            Evaluation evaluation = await shared.Value;
            if (ReferenceEquals(shared, mine) && evaluation.Cacheable)
            {
                _cache.Set(key, evaluation.Result, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _duration });
            }

            return (evaluation.Result, !ReferenceEquals(shared, mine));
        }
        finally
        {
            if (ReferenceEquals(shared, mine))
            {
                _inFlight.TryRemove(key, out _);
            }
        }
    }

    /// <summary>One evaluation's result, and whether it may be reused.</summary>
    /// <param name="Result">The result.</param>
    /// <param name="Cacheable">Whether it may be reused: not when a model call failed and the verdict is a fallback.</param>
    public sealed record Evaluation(VerificationResult Result, bool Cacheable);

    /// <inheritdoc/>
    public void Dispose() => _cache?.Dispose();

    private sealed class TimeProviderClock(TimeProvider timeProvider) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => timeProvider.GetUtcNow();
    }
}
