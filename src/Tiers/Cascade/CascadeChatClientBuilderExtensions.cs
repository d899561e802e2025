using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cascade;

/// <summary>Adds the cost cascade to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class CascadeChatClientBuilderExtensions
{
    /// <summary>
    /// Puts a cascade in front of the pipeline's inner client: the ladder's tiers are tried cheapest first and the inner
    /// client is the final tier.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="ladder">The tiers below the inner client; <see langword="null"/> resolves the ladder registered by <c>AddCascade</c>.</param>
    /// <param name="configure">Changes the cascade's settings after the registered services were applied.</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// With no <see cref="ITierInvoker"/> registered or set by <paramref name="configure"/>, the cascade calls its tiers
    /// through a <see cref="ResilientTierInvoker"/> with the documented defaults on <see cref="CascadeChatClient.TimeProvider"/>,
    /// exactly as <c>AddCascade</c> does. Registered services are picked up when present: <see cref="ITierInvoker"/>, <see cref="ICascadeStateStore"/>,
    /// <see cref="WorkloadTracker"/>, <see cref="CascadeTelemetry"/>, <see cref="PriceCatalog"/>, <see cref="TimeProvider"/>
    /// and <see cref="ILoggerFactory"/>.
    /// </remarks>
    public static ChatClientBuilder UseCascade(this ChatClientBuilder builder, CascadeLadder? ladder = null, Action<CascadeChatClient>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            CascadeLadder resolved = ladder
                ?? services.GetService<CascadeModel>()?.Ladder
                ?? services.GetService<CascadeLadder>()
                ?? throw new InvalidOperationException("UseCascade was given no ladder and none is registered: pass a CascadeLadder or call services.AddCascade(configuration).");
            var client = new CascadeChatClient(inner, resolved, services.GetService<PriceCatalog>());
            if (services.GetService<ITierInvoker>() is { } invoker)
            {
                client.Invoker = invoker;
            }

            client.StateStore = services.GetService<ICascadeStateStore>();
            client.Workloads = services.GetService<WorkloadTracker>();
            client.Telemetry = services.GetService<CascadeTelemetry>();
            client.TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
            if (services.GetService<ILoggerFactory>() is { } loggers)
            {
                client.Logger = loggers.CreateLogger<CascadeChatClient>();
            }

            services.GetService<CascadeModel>()?.Apply(client);
            configure?.Invoke(client);
            if (!client.InvokerChosen)
            {
                // Without a registered invoker the pipeline is still the one AddCascade builds: retries, fallbacks, the
                // cause table and circuits (in a process-local store), on the cascade's own clock.
                client.Invoker = new ResilientTierInvoker(
                    stateStore: services.GetService<ICascadeStateStore>(),
                    timeProvider: client.TimeProvider,
                    logger: services.GetService<ILoggerFactory>()?.CreateLogger<ResilientTierInvoker>());
            }

            return client;
        });
    }

    /// <summary>Puts a cascade in front of the pipeline's inner client, with the ladder built by <paramref name="ladder"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="ladder">Adds the tiers below the inner client, cheapest first.</param>
    /// <param name="configure">Changes the cascade's settings.</param>
    /// <returns>The builder.</returns>
    public static ChatClientBuilder UseCascade(this ChatClientBuilder builder, Action<CascadeLadder> ladder, Action<CascadeChatClient>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(ladder);
        var built = new CascadeLadder();
        ladder(built);
        return builder.UseCascade(built, configure);
    }
}
