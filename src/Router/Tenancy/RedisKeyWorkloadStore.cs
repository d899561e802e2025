using StackExchange.Redis;

namespace Cascade.Router;

/// <summary>
/// Each key's created workloads in Redis, shared by every replica: the set <c>keyworkloads:{key id}</c>, added to
/// only while it is under the key's bound.
/// </summary>
/// <remarks>While Redis is unreachable claims are decided on a local copy and queued in <see cref="RouterRedis.Outbox"/>.</remarks>
public sealed class RedisKeyWorkloadStore : IKeyWorkloadStore
{
    // KEYS: 1 the key's set. ARGV: 1 the workload, 2 the bound. Returns 1 when the key may use the workload.
    private const string ClaimScript = """
        if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
        if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
        redis.call('SADD', KEYS[1], ARGV[1])
        return 1
        """;

    private readonly RouterRedis _redis;
    private readonly InMemoryKeyWorkloadStore _local = new();

    /// <summary>Initializes the store.</summary>
    public RedisKeyWorkloadStore(RouterRedis redis) => _redis = redis ?? throw new ArgumentNullException(nameof(redis));

    /// <inheritdoc/>
    public async ValueTask<WorkloadClaim> ClaimAsync(string keyId, string workload, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(workload);
        RedisKey key = _redis.Key($"keyworkloads:{keyId}");
        if (_redis.IsAvailable)
        {
            try
            {
                bool allowed = (long)await _redis.Database.ScriptEvaluateAsync(ClaimScript, [key], [workload, max]) == 1;
                if (allowed)
                {
                    _local.Add(keyId, workload);
                }

                return new WorkloadClaim(allowed, await ListAsync(keyId, cancellationToken));
            }
            catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
            {
                _redis.ReportFailure(ex);
            }
        }

        WorkloadClaim claim = await _local.ClaimAsync(keyId, workload, max, cancellationToken);
        if (claim.Allowed)
        {
            _redis.Outbox.Enqueue(db => db.SetAddAsync(key, workload));
        }

        return claim;
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<string>> ListAsync(string keyId, CancellationToken cancellationToken = default)
    {
        if (_redis.IsAvailable)
        {
            try
            {
                RedisValue[] members = await _redis.Database.SetMembersAsync(_redis.Key($"keyworkloads:{keyId}"));
                return members.Select(m => m.ToString()).Order(StringComparer.Ordinal).ToArray();
            }
            catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
            {
                _redis.ReportFailure(ex);
            }
        }

        return await _local.ListAsync(keyId, cancellationToken);
    }
}
