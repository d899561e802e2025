using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace Cascade;

/// <summary>Builds the <see cref="CascadeModel"/> from <see cref="CascadeOptions"/>: each tier's deployments through its kind, with prices and gates.</summary>
public sealed class CascadeModelFactory
{
    private readonly TierKindRegistry _kinds;
    private readonly IConfiguration _configuration;
    private readonly IServiceProvider _services;

    /// <summary>Initializes a factory.</summary>
    public CascadeModelFactory(TierKindRegistry kinds, IConfiguration configuration, IServiceProvider services)
    {
        _kinds = kinds ?? throw new ArgumentNullException(nameof(kinds));
        _configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        _services = services ?? throw new ArgumentNullException(nameof(services));
    }

    /// <summary>Builds the model.</summary>
    /// <exception cref="InvalidOperationException">The options are invalid; the message lists every problem.</exception>
    public CascadeModel Build(CascadeOptions options, PriceCatalog prices)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(prices);
        IReadOnlyList<string> errors = new CascadeOptionsValidator(_kinds.Names, prices, _kinds.FreeNames).Collect(options);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The cascade's configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
        }

        var tiers = new List<Tier>();
        var problems = new List<string>();
        foreach (TierOptions tier in options.Tiers)
        {
            try
            {
                tiers.Add(BuildTier(tier, options, prices));
            }
            catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or ArgumentException)
            {
                problems.Add(ex.Message);
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The cascade's tiers could not be built:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(e => "  - " + e)));
        }

        var ladder = new CascadeLadder();
        for (int i = 0; i < tiers.Count - 1; i++)
        {
            try
            {
                ladder.Add(new CascadeRung(tiers[i], CreateGates(options.Tiers[i], tiers)) { PrefixGates = CreatePrefixGates(options.Tiers[i], tiers) });
            }
            catch (GateConfigurationException ex)
            {
                problems.Add($"Cascade:Tiers:{i} ({options.Tiers[i].Name}): {ex.Message}");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The cascade's gates could not be built:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(e => "  - " + e)));
        }

        foreach ((string workload, WorkloadSettings settings) in options.Workloads)
        {
            if (settings.StartTier is { } start)
            {
                ladder.WorkloadStartTiers[workload] = start;
            }
        }

        return new CascadeModel(ladder, tiers[^1], options);
    }

    private IReadOnlyList<IQualityGate> CreateGates(TierOptions tier, IReadOnlyList<Tier> tiers) => CreateGates(tier.Gates, tiers);

    private IReadOnlyList<IQualityGate> CreatePrefixGates(TierOptions tier, IReadOnlyList<Tier> tiers) => CreateGates(tier.PrefixGates, tiers);

    private IReadOnlyList<IQualityGate> CreateGates(List<GateOptions> gates, IReadOnlyList<Tier> tiers)
    {
        if (gates.Count == 0)
        {
            return [];
        }

        GateRegistry registry = _services.GetService(typeof(GateRegistry)) as GateRegistry ?? GateRegistry.CreateDefault();
        ITierInvoker invoker = _services.GetService(typeof(ITierInvoker)) as ITierInvoker ?? new DirectTierInvoker();
        return registry.CreateAll(gates, name => tiers.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)), invoker, _services);
    }

    private Tier BuildTier(TierOptions options, CascadeOptions cascade, PriceCatalog prices)
    {
        ITierKind kind = _kinds.Get(options.Kind);
        List<DeploymentOptions> deployments = options.Deployments.Count > 0 || !kind.IsFree
            ? options.Deployments
            : [new DeploymentOptions { Name = options.Name, Model = kind.Name }];
        var built = new List<Deployment>();
        foreach (DeploymentOptions deployment in deployments)
        {
            string provider = deployment.Provider ?? options.Kind;
            ITierKind deploymentKind = _kinds.Get(provider);
            ProviderOptions? defaults = cascade.Providers.GetValueOrDefault(provider);
            var context = new TierKindContext
            {
                Tier = options,
                Deployment = deployment,
                Endpoint = ServiceEndpoints.Resolve(deployment.Endpoint ?? defaults?.Endpoint, _configuration),
                ApiKey = ApiKey(deployment, defaults, provider),
                Configuration = _configuration,
                Services = _services,
            };
            IChatClient client = deploymentKind.CreateClient(context);
            PriceTable price = deployment.Price?.ToPriceTable()
                ?? (deploymentKind.IsFree ? PriceTable.Free : prices.GetPrice(deployment.Model));
            built.Add(new Deployment(deployment.Name ?? deployment.Model, provider, deployment.Model, client, price)
            {
                ContextWindow = deployment.ContextWindow,
                DefaultMaxOutputTokens = deployment.MaxOutputTokens,
            });
        }

        return new Tier(options.Name, built, options.Streaming);
    }

    private static string? ApiKey(DeploymentOptions deployment, ProviderOptions? defaults, string provider)
    {
        if (!string.IsNullOrWhiteSpace(deployment.ApiKey))
        {
            return deployment.ApiKey;
        }

        if (deployment.ApiKeyVariable is { Length: > 0 } variable && Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromVariable)
        {
            return fromVariable;
        }

        if (!string.IsNullOrWhiteSpace(defaults?.ApiKey))
        {
            return defaults.ApiKey;
        }

        string? usual = provider switch
        {
            AnthropicTierKind.KindName => AnthropicTierKind.ApiKeyVariable,
            OpenAITierKind.KindName => OpenAITierKind.ApiKeyVariable,
            _ => null,
        };
        return usual is null ? null : Environment.GetEnvironmentVariable(usual) is { Length: > 0 } key ? key : null;
    }
}
