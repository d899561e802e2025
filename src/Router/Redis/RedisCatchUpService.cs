using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cascade.Router;

/// <summary>Replays the writes queued during a Redis outage once Redis answers again.</summary>
internal sealed class RedisCatchUpService(RouterRedis redis, IOptions<RouterOptions> options, TimeProvider timeProvider) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!redis.IsConfigured)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.CatchUpInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await redis.Outbox.FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
