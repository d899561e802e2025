using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cascade.Router;

/// <summary>
/// The router's access to Redis: the connection (when one is configured), the key prefix, whether Redis answers
/// right now, and the queue of writes kept for Redis while it does not.
/// </summary>
/// <remarks>
/// Every Redis-backed store asks <see cref="IsAvailable"/> before a call and reports failures through
/// <see cref="ReportFailure"/>, so a dead Redis costs one failed call, not one timeout per request. Writes that could
/// not reach Redis go to <see cref="Outbox"/> and are replayed in order when it returns.
/// </remarks>
public sealed partial class RouterRedis
{
    private readonly ILogger<RouterRedis> _logger;
    private readonly TimeProvider _timeProvider;
    private long _unavailableUntilTicks;

    /// <summary>Initializes the access.</summary>
    /// <param name="multiplexer">The connection, or <see langword="null"/> when no Redis is configured.</param>
    /// <param name="options">The router options (the key prefix).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public RouterRedis(IConnectionMultiplexer? multiplexer, IOptions<RouterOptions> options, TimeProvider timeProvider, ILogger<RouterRedis> logger)
    {
        Multiplexer = multiplexer;
        Prefix = options.Value.RedisPrefix;
        _timeProvider = timeProvider;
        _logger = logger;
        Outbox = new RedisOutbox(this, logger);
    }

    /// <summary>Gets the connection, or <see langword="null"/> when the router runs on in-memory state.</summary>
    public IConnectionMultiplexer? Multiplexer { get; }

    /// <summary>Gets whether a Redis connection is configured.</summary>
    public bool IsConfigured => Multiplexer is not null;

    /// <summary>Gets whether Redis is configured, connected and has not failed in the last second.</summary>
    public bool IsAvailable =>
        Multiplexer is { IsConnected: true } && _timeProvider.GetUtcNow().UtcTicks >= Interlocked.Read(ref _unavailableUntilTicks);

    /// <summary>Gets the key prefix.</summary>
    public string Prefix { get; }

    /// <summary>Gets the writes waiting for Redis.</summary>
    public RedisOutbox Outbox { get; }

    /// <summary>Gets the database.</summary>
    /// <exception cref="InvalidOperationException">No Redis is configured.</exception>
    public IDatabase Database => (Multiplexer ?? throw new InvalidOperationException("No Redis connection is configured.")).GetDatabase();

    /// <summary>Builds a key under the router's prefix.</summary>
    public RedisKey Key(string name) => Prefix + name;

    /// <summary>Records that a Redis call failed, so callers use local state for a moment instead of waiting on timeouts.</summary>
    public void ReportFailure(Exception exception)
    {
        Interlocked.Exchange(ref _unavailableUntilTicks, (_timeProvider.GetUtcNow() + TimeSpan.FromSeconds(1)).UtcTicks);
        LogRedisFailed(_logger, exception.GetType().Name, exception.Message);
    }

    /// <summary>Gets whether an exception means Redis could not be reached (as opposed to a bug or bad data).</summary>
    public static bool IsConnectionFailure(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException or TimeoutException or ObjectDisposedException
        || (exception is RedisServerException server && server.Message.StartsWith("LOADING", StringComparison.Ordinal));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis call failed ({ExceptionType}: {Message}); serving on local state.")]
    private static partial void LogRedisFailed(ILogger logger, string exceptionType, string message);
}
