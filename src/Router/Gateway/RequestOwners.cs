using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cascade.Router;

/// <summary>Which API key made a request, so <c>GET /v1/requests/{id}</c> shows a key its own requests only.</summary>
/// <remarks>Kept in Redis (<c>owner:{request id}</c>, for the attempt retention) when configured, and on this replica.</remarks>
public sealed class RequestOwners
{
    private const int LocalCapacity = 100_000;
    private readonly ConcurrentDictionary<string, string> _local = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly RouterRedis _redis;
    private readonly TimeSpan _retention;

    /// <summary>Initializes the store.</summary>
    public RequestOwners(RouterRedis redis, IOptions<RouterOptions> options)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _retention = options.Value.AttemptRetention;
    }

    /// <summary>Records the key of a request.</summary>
    public async ValueTask SetAsync(string requestId, string keyId)
    {
        if (_local.TryAdd(requestId, keyId))
        {
            _order.Enqueue(requestId);
            while (_order.Count > LocalCapacity && _order.TryDequeue(out string? oldest))
            {
                _local.TryRemove(oldest, out _);
            }
        }

        if (!_redis.IsConfigured)
        {
            return;
        }

        RedisKey name = _redis.Key($"owner:{requestId}");
        Func<IDatabase, Task> write = db => db.StringSetAsync(name, keyId, _retention);
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

    /// <summary>Gets the key of a request, or <see langword="null"/> when unknown.</summary>
    public async ValueTask<string?> GetAsync(string requestId)
    {
        if (_redis.IsAvailable)
        {
            try
            {
                RedisValue owner = await _redis.Database.StringGetAsync(_redis.Key($"owner:{requestId}"));
                if (!owner.IsNull)
                {
                    return owner.ToString();
                }
            }
            catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
            {
                _redis.ReportFailure(ex);
            }
        }

        return _local.TryGetValue(requestId, out string? local) ? local : null;
    }
}
