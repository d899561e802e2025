using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cascade.Router;

/// <summary>
/// Builds the gateway (the cascade's tiers, their provider clients, the stores) when the host starts, so a ladder
/// that cannot be built (a missing provider key, an unknown price) stops start-up with its message instead of
/// failing the first request.
/// </summary>
internal sealed class GatewayWarmup(IServiceProvider services) : IHostedService
{
    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<CascadeGateway>();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
