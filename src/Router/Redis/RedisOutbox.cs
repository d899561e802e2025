using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Cascade.Router;

/// <summary>Writes made while Redis was unreachable, replayed in order when it returns, so shared state catches up.</summary>
/// <remarks>
/// Every queued write is idempotent or additive by design (a settle adds a billed amount once; a log append
/// carries its own id), so a replay stopped half-way by another failure is simply resumed from the first write
/// that did not land.
/// </remarks>
public sealed partial class RedisOutbox
{
    private readonly ConcurrentQueue<Func<IDatabase, Task>> _pending = new();
    private readonly SemaphoreSlim _flushLock = new(1, 1);
    private readonly RouterRedis _redis;
    private readonly ILogger _logger;

    internal RedisOutbox(RouterRedis redis, ILogger logger)
    {
        _redis = redis;
        _logger = logger;
    }

    /// <summary>Gets the number of writes waiting.</summary>
    public int Count => _pending.Count;

    /// <summary>Queues a write for Redis.</summary>
    public void Enqueue(Func<IDatabase, Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        _pending.Enqueue(write);
    }

    /// <summary>Replays queued writes in order while Redis answers.</summary>
    /// <returns>The number of writes replayed.</returns>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_pending.IsEmpty || _redis.Multiplexer is not { IsConnected: true })
        {
            return 0;
        }

        await _flushLock.WaitAsync(cancellationToken);
        try
        {
            int replayed = 0;
            IDatabase database = _redis.Database;
            while (_pending.TryPeek(out Func<IDatabase, Task>? write))
            {
                try
                {
                    await write(database);
                }
                catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
                {
                    _redis.ReportFailure(ex);
                    break;
                }

                _pending.TryDequeue(out _);
                replayed++;
            }

            if (replayed > 0)
            {
                LogReplayed(_logger, replayed, _pending.Count);
            }

            return replayed;
        }
        finally
        {
            _flushLock.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Count} queued write(s) to Redis; {Left} left.")]
    private static partial void LogReplayed(ILogger logger, int count, int left);
}
