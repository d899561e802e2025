using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Cascade.Router;

/// <summary>A process-local <see cref="IIdempotencyStore"/>; also the Redis store's stand-in while Redis is unreachable.</summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly ConcurrentDictionary<string, (IdempotencyEntry Entry, DateTimeOffset ExpiresAt)> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly RouterOptions _options;

    /// <summary>Initializes the store.</summary>
    public InMemoryIdempotencyStore(IOptions<RouterOptions> options, TimeProvider timeProvider)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc/>
    public ValueTask<IdempotencyBegin> BeginAsync(string scope, string key, string fingerprint, CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        IdempotencyEntry claim = new() { Fingerprint = fingerprint, StartedAt = now };
        while (true)
        {
            if (_entries.TryAdd(Name(scope, key), (claim, now + _options.IdempotencyLease)))
            {
                return ValueTask.FromResult(new IdempotencyBegin(IdempotencyStatus.Started));
            }

            if (!_entries.TryGetValue(Name(scope, key), out var current))
            {
                continue;
            }

            if (current.ExpiresAt <= now)
            {
                _entries.TryRemove(KeyValuePair.Create(Name(scope, key), current));
                continue;
            }

            return ValueTask.FromResult(IdempotencyDecision.Decide(current.Entry, fingerprint));
        }
    }

    /// <inheritdoc/>
    public ValueTask CompleteAsync(string scope, string key, string fingerprint, StoredResponse response, CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        _entries[Name(scope, key)] = (new IdempotencyEntry { Fingerprint = fingerprint, StartedAt = now, Response = response }, now + _options.IdempotencyRetention);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask AbandonAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        if (_entries.TryGetValue(Name(scope, key), out var current) && current.Entry.Response is null)
        {
            _entries.TryRemove(KeyValuePair.Create(Name(scope, key), current));
        }

        return ValueTask.CompletedTask;
    }

    private static string Name(string scope, string key) => $"{scope}\n{key}";
}
