using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Cascade.Hosting.Redis;

/// <summary>Healthy when <c>redis-server</c> answers PING on its connection string; one connection, kept across checks.</summary>
/// <param name="connectionString">The connection string, known once the resource's endpoint is allocated.</param>
internal sealed class RedisServerHealthCheck(Func<string?> connectionString) : IHealthCheck, IAsyncDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _connection;

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            ConnectionMultiplexer connection = await ConnectAsync(cancellationToken);
            TimeSpan latency = await connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"PING answered in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("redis-server does not answer PING.", ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connecting.Dispose();
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing)
        {
            return existing;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            string value = connectionString() ?? throw new InvalidOperationException("The Redis connection string is not known yet.");
            ConfigurationOptions options = ConfigurationOptions.Parse(value);
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = 2000;
            return _connection ??= await ConnectionMultiplexer.ConnectAsync(options);
        }
        finally
        {
            _connecting.Release();
        }
    }
}
