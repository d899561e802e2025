namespace Cascade;

/// <summary>Builds one gate of a kind from its settings.</summary>
/// <param name="context">The settings and what the gate may need (tiers, an invoker, services).</param>
/// <returns>The gate.</returns>
public delegate IQualityGate GateFactory(GateFactoryContext context);

/// <summary>What a <see cref="GateFactory"/> is given.</summary>
public sealed class GateFactoryContext
{
    private readonly Func<string, Tier?> _resolveTier;

    /// <summary>Initializes the context.</summary>
    /// <param name="settings">The gate's settings.</param>
    /// <param name="resolveTier">Finds a tier by name, or returns <see langword="null"/>.</param>
    /// <param name="invoker">The invoker gates call model tiers through.</param>
    /// <param name="services">The application's services.</param>
    public GateFactoryContext(GateSettings settings, Func<string, Tier?> resolveTier, ITierInvoker invoker, IServiceProvider services)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _resolveTier = resolveTier ?? throw new ArgumentNullException(nameof(resolveTier));
        Invoker = invoker ?? throw new ArgumentNullException(nameof(invoker));
        Services = services ?? throw new ArgumentNullException(nameof(services));
    }

    /// <summary>Gets the gate's settings.</summary>
    public GateSettings Settings { get; }

    /// <summary>Gets the invoker gates call model tiers through (so retries, fallbacks and the ledger apply).</summary>
    public ITierInvoker Invoker { get; }

    /// <summary>Gets the application's services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Gets the time provider from <see cref="Services"/>, or the system clock.</summary>
    public TimeProvider TimeProvider => Services.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;

    /// <summary>Resolves the tier named by a setting.</summary>
    /// <param name="settingName">The setting that holds the tier's name.</param>
    /// <exception cref="GateConfigurationException">The setting is missing or names no tier.</exception>
    public Tier GetTier(string settingName)
    {
        string name = Settings.GetRequiredString(settingName);
        return _resolveTier(name) ?? throw Settings.Error(settingName, $"no tier is named '{name}'");
    }
}

/// <summary>
/// The gate kinds known by name: every built-in kind, plus those a third party registers. Configuration picks gates
/// with <see cref="GateOptions"/>, and <see cref="Create(GateOptions, Func{string, Tier?}, ITierInvoker, IServiceProvider)"/>
/// builds them.
/// </summary>
public sealed class GateRegistry
{
    private readonly Dictionary<string, GateFactory> _factories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the registered kinds.</summary>
    public IReadOnlyCollection<string> Kinds => _factories.Keys;

    /// <summary>Creates a registry holding every built-in gate kind.</summary>
    public static GateRegistry CreateDefault()
    {
        var registry = new GateRegistry();
        registry.Register(CutOffGate.Kind, context => new CutOffGate(CutOffGateOptions.FromSettings(context.Settings)));
        registry.Register(JsonSchemaGate.Kind, context => new JsonSchemaGate(JsonSchemaGateOptions.FromSettings(context.Settings)));
        registry.Register(FormatGate.Kind, context => new FormatGate(FormatGateOptions.FromSettings(context.Settings)));
        registry.Register(MultipleChoiceGate.Kind, context => new MultipleChoiceGate(MultipleChoiceGateOptions.FromSettings(context.Settings)));
        registry.Register(HedgingGate.Kind, context => new HedgingGate(HedgingGateOptions.FromSettings(context.Settings)));
        registry.Register(SelfDoubtGate.Kind, context => new SelfDoubtGate(SelfDoubtGateOptions.FromSettings(context.Settings)));
        registry.Register(LogprobConfidenceGate.Kind, context => new LogprobConfidenceGate(LogprobConfidenceGateOptions.FromSettings(context.Settings)));
        registry.Register(ConsistencyGate.Kind, context => new ConsistencyGate(ConsistencyGateOptions.FromSettings(context), context.Invoker));
        registry.Register(JudgeGate.Kind, context => new JudgeGate(JudgeGateOptions.FromSettings(context), context.Invoker));
        registry.Register(RemoteVerifierGate.Kind, context =>
        {
            var client = context.Services.GetService(typeof(IVerifierClient)) as IVerifierClient
                ?? throw new GateConfigurationException(RemoteVerifierGate.Kind, null, $"Gate '{RemoteVerifierGate.Kind}' needs an {nameof(IVerifierClient)} service: call services.AddCascadeVerifierClient().");
            return new RemoteVerifierGate(client, RemoteVerifierGateOptions.FromSettings(context.Settings), context.TimeProvider);
        });
        return registry;
    }

    /// <summary>Registers a gate kind, replacing any kind of that name.</summary>
    /// <param name="kind">The kind's name as configuration spells it (case-insensitive).</param>
    /// <param name="factory">Builds a gate from its settings.</param>
    /// <returns>This registry.</returns>
    public GateRegistry Register(string kind, GateFactory factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(factory);
        _factories[kind] = factory;
        return this;
    }

    /// <summary>Gets whether a kind is registered.</summary>
    public bool Contains(string kind) => _factories.ContainsKey(kind);

    /// <summary>Builds one gate.</summary>
    /// <param name="options">The gate's kind and settings.</param>
    /// <param name="resolveTier">Finds a tier by name (gates that call models name their tier in a setting).</param>
    /// <param name="invoker">The invoker model-calling gates use.</param>
    /// <param name="services">The application's services.</param>
    /// <exception cref="GateConfigurationException">The kind is unknown, or a setting is missing, invalid or unknown.</exception>
    public IQualityGate Create(GateOptions options, Func<string, Tier?> resolveTier, ITierInvoker invoker, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Kind))
        {
            throw new GateConfigurationException("", "Kind", $"A gate has no 'Kind'; known kinds: {string.Join(", ", Kinds.Order(StringComparer.OrdinalIgnoreCase))}.");
        }

        if (!_factories.TryGetValue(options.Kind, out GateFactory? factory))
        {
            throw new GateConfigurationException(options.Kind, "Kind", $"Unknown gate kind '{options.Kind}'; known kinds: {string.Join(", ", Kinds.Order(StringComparer.OrdinalIgnoreCase))}.");
        }

        var settings = new GateSettings(options.Kind, options.Settings);
        IQualityGate gate;
        try
        {
            gate = factory(new GateFactoryContext(settings, resolveTier, invoker, services));
        }
        catch (ArgumentException ex)
        {
            // Options setters validate with ArgumentOutOfRangeException; their parameter name is the setting's name.
            throw new GateConfigurationException(options.Kind, ex.ParamName, $"Gate '{options.Kind}' setting '{ex.ParamName}': {ex.Message}", ex);
        }

        settings.ThrowIfUnused();
        return gate;
    }

    /// <summary>Builds every gate of a list, in order.</summary>
    /// <exception cref="GateConfigurationException">A gate's configuration is invalid.</exception>
    public IReadOnlyList<IQualityGate> CreateAll(IEnumerable<GateOptions> options, Func<string, Tier?> resolveTier, ITierInvoker invoker, IServiceProvider services) =>
        options.Select(o => Create(o, resolveTier, invoker, services)).ToArray();
}
