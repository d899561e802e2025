using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cascade.Router;

/// <summary>
/// Which API key made a request, so <c>GET /v1/requests/{id}</c> shows a key its own requests only, and the request's
/// entry in the <see cref="IRequestIndex"/> that stats and <c>GET /v1/requests</c> read.
/// </summary>
/// <remarks>The owner is kept in Redis (<c>owner:{request id}</c>, for the attempt retention) when configured, and on this replica.</remarks>
public sealed class RequestOwners
{
    private const int LocalCapacity = 100_000;
    private readonly ConcurrentDictionary<string, string> _local = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly RouterRedis _redis;
    private readonly TimeSpan _retention;
    private readonly IRequestIndex _index;
    private readonly TimeProvider _time;

    /// <summary>Initializes the store.</summary>
    public RequestOwners(RouterRedis redis, IOptions<RouterOptions> options, IRequestIndex index, TimeProvider time)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _retention = options.Value.AttemptRetention;
        _index = index ?? throw new ArgumentNullException(nameof(index));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Records the key of a finished request and adds it to the request index.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="keyId">The API key that made it.</param>
    /// <param name="workload">The workload it ran under, if any.</param>
    public async ValueTask SetAsync(string requestId, string keyId, string? workload = null)
    {
        await _index.AddAsync(new RequestEntry { RequestId = requestId, KeyId = keyId, Workload = workload, At = _time.GetUtcNow() });
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
