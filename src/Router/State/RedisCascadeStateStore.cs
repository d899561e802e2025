using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cascade.Router;

/// <summary>
/// The cascade's shared state in Redis, so every replica sees the same circuits, workload statistics and attempt
/// log: <c>circuit:{key}</c> (JSON), <c>workload:{name}</c> (a list, newest first) with the set <c>workloads</c>,
/// the stream <c>attempts</c> trimmed by length and age, and <c>attempts:{request id}</c> (a list) for look-ups.
/// </summary>
/// <remarks>
/// Every write also lands in a local <see cref="InMemoryCascadeStateStore"/>. While Redis is unreachable reads are
/// answered from it and writes are queued in <see cref="RouterRedis.Outbox"/>, so the shared state catches up when
/// Redis returns.
/// </remarks>
public sealed class RedisCascadeStateStore : ICascadeStateStore
{
    // Stream ids follow this replica's clock (never going back past the newest entry), so trimming by age uses the
    // same clock as the ids. KEYS: 1 the stream, 1+i the list of attempt i's request. ARGV: 1 now ms, 2 oldest ms
    // kept, 3 length kept (approximately), 4 per-request list ttl s, 4+i attempt i's JSON.
    private const string AppendAttemptsScript = """
        local now = tonumber(ARGV[1])
        local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
        if #newest > 0 then
          local ms = tonumber(string.match(newest[1][1], '^(%d+)-'))
          if ms > now then now = ms end
        end
        for i = 5, #ARGV do
          redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], string.format('%d-*', now), 'attempt', ARGV[i])
          redis.call('RPUSH', KEYS[i - 3], ARGV[i])
          redis.call('EXPIRE', KEYS[i - 3], ARGV[4])
        end
        redis.call('XTRIM', KEYS[1], 'MINID', string.format('%d', tonumber(ARGV[2])))
        return 1
        """;

    private readonly RouterRedis _redis;
    private readonly RouterOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly InMemoryCascadeStateStore _local = new();

    /// <summary>Initializes the store.</summary>
    public RedisCascadeStateStore(RouterRedis redis, IOptions<RouterOptions> options, TimeProvider timeProvider)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc/>
    public async ValueTask<CircuitSnapshot?> GetCircuitAsync(string circuitKey, CancellationToken cancellationToken = default)
    {
        var (ok, value) = await TryReadAsync(db => db.HashGetAsync(_redis.Key($"circuit:{circuitKey}"), "json"));
        if (ok)
        {
            return value.IsNull ? null : JsonSerializer.Deserialize((string)value!, CascadeJsonContext.Default.CircuitSnapshot);
        }

        return await _local.GetCircuitAsync(circuitKey, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask SetCircuitAsync(string circuitKey, CircuitSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await _local.SetCircuitAsync(circuitKey, snapshot, cancellationToken);
        string json = JsonSerializer.Serialize(snapshot, CascadeJsonContext.Default.CircuitSnapshot);
        RedisKey key = _redis.Key($"circuit:{circuitKey}");

        // A replayed snapshot must not overwrite a newer one written by another replica meanwhile.
        await WriteAsync(db => db.ScriptEvaluateAsync(
            """
            local at = redis.call('HGET', KEYS[1], 'at')
            if at and tonumber(at) > tonumber(ARGV[2]) then return 0 end
            redis.call('HSET', KEYS[1], 'json', ARGV[1], 'at', ARGV[2])
            return 1
            """,
            [key],
            [json, snapshot.UpdatedAt.ToUnixTimeMilliseconds()]));
    }

    /// <inheritdoc/>
    public async ValueTask AppendWorkloadOutcomeAsync(string workload, WorkloadOutcome outcome, int windowSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1);
        await _local.AppendWorkloadOutcomeAsync(workload, outcome, windowSize, cancellationToken);
        string json = JsonSerializer.Serialize(outcome, CascadeJsonContext.Default.WorkloadOutcome);
        RedisKey key = _redis.Key($"workload:{workload}");
        await WriteAsync(async db =>
        {
            ITransaction transaction = db.CreateTransaction();
            _ = transaction.ListLeftPushAsync(key, json);
            _ = transaction.ListTrimAsync(key, 0, windowSize - 1);
            _ = transaction.SetAddAsync(_redis.Key("workloads"), workload);
            await transaction.ExecuteAsync();
        });
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<WorkloadOutcome>> GetWorkloadOutcomesAsync(string workload, int max, CancellationToken cancellationToken = default)
    {
        if (max <= 0)
        {
            return [];
        }

        var (ok, values) = await TryReadAsync(db => db.ListRangeAsync(_redis.Key($"workload:{workload}"), 0, max - 1));
        if (ok)
        {
            return values.Select(v => JsonSerializer.Deserialize((string)v!, CascadeJsonContext.Default.WorkloadOutcome)!).ToArray();
        }

        return await _local.GetWorkloadOutcomesAsync(workload, max, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<string>> GetWorkloadsAsync(CancellationToken cancellationToken = default)
    {
        var (ok, values) = await TryReadAsync(db => db.SetMembersAsync(_redis.Key("workloads")));
        if (ok)
        {
            return values.Select(v => v.ToString()).Order(StringComparer.Ordinal).ToArray();
        }

        return await _local.GetWorkloadsAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask AppendAttemptsAsync(IReadOnlyList<AttemptRecord> attempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            return;
        }

        await _local.AppendAttemptsAsync(attempts, cancellationToken);
        string[] json = attempts.Select(a => JsonSerializer.Serialize(a, CascadeJsonContext.Default.AttemptRecord)).ToArray();
        long maxLength = _options.AttemptLogLength;
        TimeSpan retention = _options.AttemptRetention;
        RedisKey[] keys = [_redis.Key("attempts"), .. attempts.Select(a => _redis.Key($"attempts:{a.RequestId}"))];
        await WriteAsync(db =>
        {
            long now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            RedisValue[] values = [now, now - (long)retention.TotalMilliseconds, maxLength, (long)retention.TotalSeconds, .. json.Select(j => (RedisValue)j)];
            return db.ScriptEvaluateAsync(AppendAttemptsScript, keys, values);
        });
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string requestId, CancellationToken cancellationToken = default)
    {
        var (ok, values) = await TryReadAsync(db => db.ListRangeAsync(_redis.Key($"attempts:{requestId}")));
        if (ok)
        {
            return values.Select(v => JsonSerializer.Deserialize((string)v!, CascadeJsonContext.Default.AttemptRecord)!)
                .DistinctBy(a => a.Sequence)
                .OrderBy(a => a.Sequence)
                .ToArray();
        }

        return await _local.GetAttemptsAsync(requestId, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<AttemptRecord>> GetRecentAttemptsAsync(int max, CancellationToken cancellationToken = default)
    {
        if (max <= 0)
        {
            return [];
        }

        var (ok, entries) = await TryReadAsync(db => db.StreamRangeAsync(_redis.Key("attempts"), "-", "+", max, Order.Descending));
        if (ok)
        {
            return entries
                .Select(e => JsonSerializer.Deserialize((string)e["attempt"]!, CascadeJsonContext.Default.AttemptRecord)!)
                .ToArray();
        }

        return await _local.GetRecentAttemptsAsync(max, cancellationToken);
    }

    /// <summary>Gets this replica's local copy of everything it wrote (what it serves from while Redis is unreachable).</summary>
    internal InMemoryCascadeStateStore Local => _local;

    /// <summary>Gets the number of entries in the attempt log stream (after trimming), or <see langword="null"/> while Redis is unreachable.</summary>
    public async ValueTask<long?> GetAttemptLogLengthAsync()
    {
        var (ok, length) = await TryReadAsync(db => db.StreamLengthAsync(_redis.Key("attempts")));
        return ok ? length : null;
    }

    private async Task<(bool Ok, T Value)> TryReadAsync<T>(Func<IDatabase, Task<T>> read)
    {
        if (!_redis.IsAvailable)
        {
            return (false, default!);
        }

        try
        {
            return (true, await read(_redis.Database));
        }
        catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
        {
            _redis.ReportFailure(ex);
            return (false, default!);
        }
    }

    private async Task WriteAsync(Func<IDatabase, Task> write)
    {
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
}
