using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cascade.Router;

/// <summary>Reports <c>Degraded</c> while Redis is configured but unreachable: the router keeps serving on local state.</summary>
internal sealed class RedisHealthCheck(RouterRedis redis) : IHealthCheck
{
    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Dictionary<string, object> data = new() { ["queuedWrites"] = redis.Outbox.Count };
        HealthCheckResult result = !redis.IsConfigured
            ? HealthCheckResult.Healthy("No Redis configured: state is in memory (single replica).", data)
            : redis.IsAvailable
                ? HealthCheckResult.Healthy("Redis connected.", data)
                : HealthCheckResult.Degraded(
                    $"Redis unreachable: serving on local state with the offline spend allowance; {redis.Outbox.Count} write(s) queued for replay.", data: data);
        return Task.FromResult(result);
    }
}
