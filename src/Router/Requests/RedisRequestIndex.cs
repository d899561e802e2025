using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cascade.Router;

/// <summary>
/// The request index in Redis, shared by every replica: the sorted sets <c>requests:key:{key id}</c> and
/// <c>requests:all</c> (members the entry's JSON, scores its sequence from the counter <c>requests:sequence</c>),
/// each trimmed to its length and the per-key sets expiring with the attempt log.
/// </summary>
/// <remarks>
/// Every write also lands in a local <see cref="InMemoryRequestIndex"/>, which answers while Redis is unreachable;
/// writes made meanwhile are queued in <see cref="RouterRedis.Outbox"/> and take their sequence when replayed.
/// </remarks>
public sealed class RedisRequestIndex : IRequestIndex
{
    // KEYS: 1 the counter, 2 the key's set, 3 the set of all. ARGV: 1 the entry's JSON, 2 per-key length, 3 total length, 4 ttl s.
    private const string AddScript = """
        local sequence = redis.call('INCR', KEYS[1])
        redis.call('ZADD', KEYS[2], sequence, ARGV[1])
        redis.call('ZADD', KEYS[3], sequence, ARGV[1])
        redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -tonumber(ARGV[2]) - 1)
        redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -tonumber(ARGV[3]) - 1)
        redis.call('EXPIRE', KEYS[2], ARGV[4])
        return sequence
        """;

    private readonly RouterRedis _redis;
    private readonly RouterOptions _options;
    private readonly InMemoryRequestIndex _local;

    /// <summary>Initializes the index.</summary>
    public RedisRequestIndex(RouterRedis redis, IOptions<RouterOptions> options)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _options = options.Value;
        _local = new InMemoryRequestIndex(options);
    }

    /// <inheritdoc/>
    public async ValueTask AddAsync(RequestEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string json = JsonSerializer.Serialize(entry with { Sequence = 0 }, RouterJsonContext.Default.RequestEntry);
        RedisKey[] keys = [_redis.Key("requests:sequence"), KeySet(entry.KeyId), _redis.Key("requests:all")];
        RedisValue[] values = [json, _options.RequestIndexLengthPerKey, _options.RequestIndexLength, (long)_options.AttemptRetention.TotalSeconds];
        if (_redis.IsAvailable)
        {
            try
            {
                long sequence = (long)await _redis.Database.ScriptEvaluateAsync(AddScript, keys, values);
                _local.AddWithSequence(entry with { Sequence = sequence });
                return;
            }
            catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
            {
                _redis.ReportFailure(ex);
            }
        }

        await _local.AddAsync(entry, cancellationToken);
        _redis.Outbox.Enqueue(db => db.ScriptEvaluateAsync(AddScript, keys, values));
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<RequestEntry>> ListAsync(string? keyId, long? before, int max, CancellationToken cancellationToken = default)
    {
        if (max <= 0)
        {
            return [];
        }

        if (_redis.IsAvailable)
        {
            try
            {
                SortedSetEntry[] entries = await _redis.Database.SortedSetRangeByScoreWithScoresAsync(
                    keyId is null ? _redis.Key("requests:all") : KeySet(keyId),
                    double.NegativeInfinity,
                    before is { } cursor ? cursor : double.PositiveInfinity,
                    before is null ? Exclude.None : Exclude.Stop,
                    Order.Descending,
                    0,
                    max);
                return entries
                    .Select(e => JsonSerializer.Deserialize((string)e.Element!, RouterJsonContext.Default.RequestEntry)! with { Sequence = (long)e.Score })
                    .ToArray();
            }
            catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
            {
                _redis.ReportFailure(ex);
            }
        }

        return await _local.ListAsync(keyId, before, max, cancellationToken);
    }

    private RedisKey KeySet(string keyId) => _redis.Key($"requests:key:{keyId}");
}
