using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cascade.Router;

/// <summary>
/// Idempotency keys in Redis, shared by every replica: <c>idem:{key id}:{sha256(Idempotency-Key)}</c> holds the
/// claim (<c>SET NX</c> with the in-flight lease) and then the answer (with the retention).
/// </summary>
/// <remarks>While Redis is unreachable claims and answers are kept on this replica; answers are replayed to Redis when it returns.</remarks>
public sealed class RedisIdempotencyStore : IIdempotencyStore
{
    private readonly RouterRedis _redis;
    private readonly RouterOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly InMemoryIdempotencyStore _local;

    /// <summary>Initializes the store.</summary>
    public RedisIdempotencyStore(RouterRedis redis, IOptions<RouterOptions> options, TimeProvider timeProvider)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _options = options.Value;
        _timeProvider = timeProvider;
        _local = new InMemoryIdempotencyStore(options, timeProvider);
    }

    /// <inheritdoc/>
    public async ValueTask<IdempotencyBegin> BeginAsync(string scope, string key, string fingerprint, CancellationToken cancellationToken = default)
    {
        if (_redis.IsAvailable)
        {
            try
            {
                IDatabase db = _redis.Database;
                RedisKey name = Name(scope, key);
                IdempotencyEntry claim = new() { Fingerprint = fingerprint, StartedAt = _timeProvider.GetUtcNow() };
                for (int round = 0; round < 3; round++)
                {
                    if (await db.StringSetAsync(name, Serialize(claim), _options.IdempotencyLease, When.NotExists))
                    {
                        return new(IdempotencyStatus.Started);
                    }

                    RedisValue existing = await db.StringGetAsync(name);
                    if (!existing.IsNull)
                    {
                        return IdempotencyDecision.Decide(JsonSerializer.Deserialize((string)existing!, RouterJsonContext.Default.IdempotencyEntry)!, fingerprint);
                    }
                }

                return new(IdempotencyStatus.InFlight);
            }
            catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
            {
                _redis.ReportFailure(ex);
            }
        }

        return await _local.BeginAsync(scope, key, fingerprint, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask CompleteAsync(string scope, string key, string fingerprint, StoredResponse response, CancellationToken cancellationToken = default)
    {
        await _local.CompleteAsync(scope, key, fingerprint, response, cancellationToken);
        string json = Serialize(new IdempotencyEntry { Fingerprint = fingerprint, StartedAt = _timeProvider.GetUtcNow(), Response = response });
        RedisKey name = Name(scope, key);
        Func<IDatabase, Task> write = db => db.StringSetAsync(name, json, _options.IdempotencyRetention);
        if (_redis.IsAvailable)
        {
            try
            {
                await write(_redis.Database);
                return;
            }
            catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
            {
                _redis.ReportFailure(ex);
            }
        }

        _redis.Outbox.Enqueue(write);
    }

    /// <inheritdoc/>
    public async ValueTask AbandonAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        await _local.AbandonAsync(scope, key, cancellationToken);
        if (_redis.IsAvailable)
        {
            try
            {
                // Only a claim is released; an answer stored meanwhile stays.
                IDatabase db = _redis.Database;
                RedisKey name = Name(scope, key);
                RedisValue existing = await db.StringGetAsync(name);
                if (!existing.IsNull && JsonSerializer.Deserialize((string)existing!, RouterJsonContext.Default.IdempotencyEntry)?.Response is null)
                {
                    // A WATCH-guarded delete: the single-command conditional delete needs Redis 8.4, Debian ships 7.0.
#pragma warning disable SER301
                    ITransaction transaction = db.CreateTransaction();
                    transaction.AddCondition(Condition.StringEqual(name, existing));
#pragma warning restore SER301
                    _ = transaction.KeyDeleteAsync(name);
                    await transaction.ExecuteAsync();
                }
            }
            catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
            {
                // The claim's lease returns the key by itself.
                _redis.ReportFailure(ex);
            }
        }
    }

    private RedisKey Name(string scope, string key) =>
        _redis.Key($"idem:{scope}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}");

    private static string Serialize(IdempotencyEntry entry) => JsonSerializer.Serialize(entry, RouterJsonContext.Default.IdempotencyEntry);
}
