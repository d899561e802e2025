using Cascade.Hosting.ModelProviders;

namespace Aspire.Hosting;

/// <summary>Adds the model providers and hands them to the services that call models.</summary>
public static class ModelProvidersBuilderExtensions
{
    /// <summary>The dashboard's resource type of <see cref="ModelProvidersResource"/>.</summary>
    public const string ResourceType = "ModelProviders";

    /// <summary>
    /// Adds the model providers: real ones when their parameters are set (see <see cref="ModelProviderSelection"/>),
    /// otherwise <paramref name="simulator"/>. The dashboard row's state names the choice.
    /// </summary>
    public static IResourceBuilder<ModelProvidersResource> AddModelProviders(this IDistributedApplicationBuilder builder, [ResourceName] string name, IResourceBuilder<ProjectResource> simulator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(simulator);
        ModelProviderSelection selection = ModelProviderSelection.Detect(builder);
        List<ResourcePropertySnapshot> properties =
        [
            new("cascade.providers.mode", selection.UsesSimulator ? "simulator" : "real"),
            new("cascade.providers.description", selection.Description),
        ];
        if (selection.Warning is { } warning)
        {
            properties.Add(new("cascade.providers.warning", warning));
        }

        return builder.AddResource(new ModelProvidersResource(name, selection, simulator.Resource))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = ResourceType,
                State = new ResourceStateSnapshot(selection.UsesSimulator ? "Simulator" : "Real providers", KnownResourceStateStyles.Info),
                Properties = [.. properties],
            })
            .WithRelationship(simulator.Resource, "Answers for");
    }

    /// <summary>
    /// Hands <paramref name="providers"/> to a service: in simulator mode both provider kinds point at the simulator
    /// (<c>Cascade__Providers__anthropic__Endpoint</c>, <c>Cascade__Providers__openai__Endpoint</c> with <c>/v1</c>, the
    /// simulator's placeholder key) and the service waits for it; with real providers the keys and base URL are passed as
    /// <c>ANTHROPIC_API_KEY</c>, <c>OPENAI_BASE_URL</c> and <c>OPENAI_API_KEY</c>.
    /// </summary>
    public static IResourceBuilder<TService> WithModelProviders<TService>(this IResourceBuilder<TService> service, IResourceBuilder<ModelProvidersResource> providers)
        where TService : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(providers);
        ModelProviderSelection selection = providers.Resource.Selection;
        service.WithRelationship(providers.Resource, "Calls models through");
        if (selection.UsesSimulator)
        {
            EndpointReference simulator = providers.Resource.Simulator.GetEndpoint("http");
            return service
                .WithEnvironment("Cascade__Providers__anthropic__Endpoint", simulator)
                .WithEnvironment("Cascade__Providers__anthropic__ApiKey", ModelProvidersResource.SimulatorApiKey)
                .WithEnvironment("Cascade__Providers__openai__Endpoint", ReferenceExpression.Create($"{simulator}/v1"))
                .WithEnvironment("Cascade__Providers__openai__ApiKey", ModelProvidersResource.SimulatorApiKey)
                .WithEnvironment("services__simulator__http__0", simulator)
                .WaitFor(providers.ApplicationBuilder.CreateResourceBuilder(providers.Resource.Simulator));
        }

        if (selection.AnthropicApiKey is { } anthropicKey)
        {
            service.WithEnvironment(ModelProviderSelection.AnthropicApiKeyVariable, anthropicKey);
        }

        if (selection.OpenAIBaseUrl is { } baseUrl && selection.OpenAIApiKey is { } openAIKey)
        {
            service
                .WithEnvironment(ModelProviderSelection.OpenAIBaseUrlVariable, baseUrl)
                .WithEnvironment(ModelProviderSelection.OpenAIApiKeyVariable, openAIKey);
        }

        return service;
    }
}
