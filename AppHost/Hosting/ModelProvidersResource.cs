namespace Cascade.AppHost.Hosting;

/// <summary>
/// The model providers the tiers call, as a resource services reference. With real providers it passes the keys
/// through and sets nothing else; with the simulator it points both provider kinds at the simulator
/// (<c>Cascade__Providers__anthropic__Endpoint</c>, <c>Cascade__Providers__openai__Endpoint</c> with <c>/v1</c>, and
/// placeholder keys) and waits for it.
/// </summary>
public sealed class ModelProvidersResource : Resource
{
    /// <summary>The placeholder key the simulator accepts.</summary>
    public const string SimulatorApiKey = "simulator";

    /// <summary>Initializes the providers resource.</summary>
    /// <param name="name">The resource's name.</param>
    /// <param name="simulator">The simulator resource.</param>
    /// <param name="selection">The providers chosen from configuration.</param>
    public ModelProvidersResource(string name, Resource simulator, ModelProviderSelection selection)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(selection);
        Simulator = simulator;
        Selection = selection;
        if (selection.Mode == ModelProviderMode.Simulator)
        {
            WaitsFor.Add(simulator);
        }
    }

    /// <summary>Gets the simulator resource.</summary>
    public Resource Simulator { get; }

    /// <summary>Gets the providers chosen from configuration.</summary>
    public ModelProviderSelection Selection { get; }

    /// <inheritdoc/>
    public override string Kind => Selection.Mode == ModelProviderMode.Simulator ? "simulator" : "real providers";

    /// <inheritdoc/>
    public override void Prepare(ResourcePreparationContext context) =>
        Notice = Selection.Describe(Simulator.HttpEndpoint) + (Selection.Warning is null ? "" : $"; note: {Selection.Warning}");

    /// <inheritdoc/>
    public override void AddReferenceEnvironment(IDictionary<string, string> environment)
    {
        if (Selection.Mode == ModelProviderMode.Real)
        {
            if (Selection.AnthropicApiKey is { } anthropicKey)
            {
                environment[ModelProviderSelection.AnthropicApiKeyVariable] = anthropicKey;
            }

            if (Selection.OpenAIBaseUrl is { } baseUrl)
            {
                environment[ModelProviderSelection.OpenAIBaseUrlVariable] = baseUrl;
                environment[ModelProviderSelection.OpenAIApiKeyVariable] = Selection.OpenAIApiKey!;
            }

            return;
        }

        var simulator = (Simulator.HttpEndpoint ?? throw new InvalidOperationException($"The simulator resource '{Simulator.Name}' has no endpoint; prepare it first."))
            .GetLeftPart(UriPartial.Authority);
        environment["Cascade__Providers__anthropic__Endpoint"] = simulator;
        environment["Cascade__Providers__anthropic__ApiKey"] = SimulatorApiKey;
        environment["Cascade__Providers__openai__Endpoint"] = simulator + "/v1";
        environment["Cascade__Providers__openai__ApiKey"] = SimulatorApiKey;
    }

    /// <inheritdoc/>
    public override ResourceLaunch? CreateLaunch(IReadOnlyDictionary<string, string> environment, AppHostOptions options) => null;
}
