using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cascade;

/// <summary>Registers the <see cref="GateRegistry"/> and third-party gate kinds with dependency injection.</summary>
public static class GateServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="GateRegistry"/> holding every built-in kind plus every kind added with
    /// <see cref="AddGateKind"/>, whatever the order of the calls.
    /// </summary>
    public static IServiceCollection AddGateRegistry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider =>
        {
            GateRegistry registry = GateRegistry.CreateDefault();
            foreach (GateKindRegistration kind in provider.GetServices<GateKindRegistration>())
            {
                registry.Register(kind.Kind, kind.Factory);
            }

            return registry;
        });
        return services;
    }

    /// <summary>Adds a gate kind that configuration can name (a built-in kind of the same name is replaced).</summary>
    /// <param name="services">The services.</param>
    /// <param name="kind">The kind's name, as configuration spells it.</param>
    /// <param name="factory">Builds the gate from its settings.</param>
    public static IServiceCollection AddGateKind(this IServiceCollection services, string kind, GateFactory factory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(factory);
        services.AddSingleton(new GateKindRegistration(kind, factory));
        return services.AddGateRegistry();
    }
}

/// <summary>A gate kind added with <see cref="GateServiceCollectionExtensions.AddGateKind"/>.</summary>
/// <param name="Kind">The kind's name.</param>
/// <param name="Factory">Builds the gate.</param>
public sealed record GateKindRegistration(string Kind, GateFactory Factory);
