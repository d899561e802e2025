using StackExchange.Redis;

namespace Cascade.Router.Tests;

/// <summary>Helpers for tests that stop and restart Redis.</summary>
internal static class RedisOutage
{
    /// <summary>
    /// Waits for the client library to reconnect after a restart. Reconnection is its own background work on the real
    /// clock, so this awaits its <see cref="IConnectionMultiplexer.ConnectionRestored"/> event, bounded by a timeout.
    /// </summary>
    public static async Task WaitUntilReconnectedAsync(IConnectionMultiplexer connection)
    {
        TaskCompletionSource restored = new(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRestored(object? sender, ConnectionFailedEventArgs e)
        {
            if (connection.IsConnected)
            {
                restored.TrySetResult();
            }
        }

        connection.ConnectionRestored += OnRestored;
        try
        {
            if (!connection.IsConnected || !await PingsAsync(connection))
            {
                await restored.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        finally
        {
            connection.ConnectionRestored -= OnRestored;
        }
    }

    /// <summary>Waits until the client library has noticed that the server is gone.</summary>
    public static async Task WaitUntilDisconnectedAsync(IConnectionMultiplexer connection)
    {
        TaskCompletionSource failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnFailed(object? sender, ConnectionFailedEventArgs e) => failed.TrySetResult();
        connection.ConnectionFailed += OnFailed;
        try
        {
            if (connection.IsConnected)
            {
                await failed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        finally
        {
            connection.ConnectionFailed -= OnFailed;
        }
    }

    private static async Task<bool> PingsAsync(IConnectionMultiplexer connection)
    {
        try
        {
            await connection.GetDatabase().PingAsync();
            return true;
        }
        catch (RedisConnectionException)
        {
            return false;
        }
    }
}
