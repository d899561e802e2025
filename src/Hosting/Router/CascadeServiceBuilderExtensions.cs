using Cascade.Hosting.ModelProviders;

namespace Aspire.Hosting;

/// <summary>
/// What each Cascade service needs from the app host: the simulator its admin key and chaos commands, the verifier the model
/// providers and its service key, the router its keys, Redis, the providers and the verifier. One place, used by Cascade's
/// own AppHost and by <see cref="CascadeRouterBuilderExtensions.AddCascadeRouter"/>.
/// </summary>
public static class CascadeServiceBuilderExtensions
{
    /// <summary>Configures the model simulator: realistic answers, its admin key, a health check and the chaos commands.</summary>
    public static IResourceBuilder<ProjectResource> WithCascadeSimulatorDefaults(this IResourceBuilder<ProjectResource> simulator, IResourceBuilder<ParameterResource> adminKey)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(adminKey);
        return simulator
            .WithEnvironment("Simulator__Behavior", "Realistic")
            .WithEnvironment("Simulator__AdminKey", adminKey)
            .WithHttpHealthCheck("/health")
            .WithChaosCommands(adminKey);
    }

    /// <summary>Configures the verifier: the model providers (for its judge), the service key callers must send, a health check.</summary>
    public static IResourceBuilder<ProjectResource> WithCascadeVerifierDefaults(
        this IResourceBuilder<ProjectResource> verifier, IResourceBuilder<ModelProvidersResource> providers, IResourceBuilder<ParameterResource> serviceKey)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        return verifier
            .WithModelProviders(providers)
            .WithEnvironment("Verifier__ServiceKey", serviceKey)
            .WithHttpHealthCheck("/health");
    }

    /// <summary>
    /// Configures the router: its admin key, the bootstrap key <c>local-run</c> (<paramref name="apiKey"/>), Redis (none: in-memory
    /// state), the model providers, the verifier (<c>services__verifier__http__0</c>) with its service key, a health check,
    /// and an external endpoint.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithCascadeRouterDefaults(
        this IResourceBuilder<ProjectResource> router,
        IResourceBuilder<ParameterResource> apiKey,
        IResourceBuilder<ParameterResource> adminKey,
        IResourceBuilder<IResourceWithConnectionString>? redis,
        IResourceBuilder<ModelProvidersResource> providers,
        IResourceBuilder<ProjectResource> verifier,
        IResourceBuilder<ParameterResource> verifierServiceKey)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(verifier);
        return router
            .WithEnvironment("Router__AdminKey", adminKey)
            .WithEnvironment("Router__BootstrapKeys__0__Name", "local-run")
            .WithEnvironment("Router__BootstrapKeys__0__Secret", apiKey)
            .WithRedis(redis)
            .WithModelProviders(providers)
            .WithEnvironment("services__verifier__http__0", verifier.GetEndpoint("http"))
            .WithEnvironment("Cascade__Verifier__ServiceKey", verifierServiceKey)
            .WithRelationship(verifier.Resource, "Verifies with")
            .WaitFor(verifier)
            .WithHttpHealthCheck("/health")
            .WithExternalHttpEndpoints()
            .WithUrlForEndpoint("http", url => url.DisplayText = "OpenAI / Anthropic base URL")
            .WithAdminReadCommand(StatsCommandName, "/v1/stats", "Show stats", "DataBarVertical", adminKey,
                "Per-tier resolution, escalation rate per workload, blended cost, fallback share, latency percentiles and active alarms, for every key.")
            .WithAdminReadCommand(CircuitsCommandName, "/admin/circuits", "Show circuits", "PlugDisconnected", adminKey,
                "Each deployment's circuit: state, failures, when it opened and when it next probes (reset one with POST /admin/circuits/{deployment}/reset).");
    }

    /// <summary>The name of the router's command that shows its circuits.</summary>
    public const string CircuitsCommandName = "show-circuits";

    /// <summary>The name of the router's command that shows its stats.</summary>
    public const string StatsCommandName = "show-stats";

    // A dashboard command that GETs an admin view of the router and shows the JSON it answers.
    private static IResourceBuilder<ProjectResource> WithAdminReadCommand(
        this IResourceBuilder<ProjectResource> router, string name, string path, string displayName, string icon, IResourceBuilder<ParameterResource> adminKey, string description) =>
        router.WithHttpCommand(
            path,
            displayName,
            commandName: name,
            commandOptions: new HttpCommandOptions
            {
                Method = HttpMethod.Get,
                Description = description,
                IconName = icon,
                ResultMode = HttpCommandResultMode.Json,
                PrepareRequest = async context => context.Request.Headers.Authorization =
                    new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await adminKey.Resource.GetValueAsync(context.CancellationToken)),
            });

    /// <summary>Adds a secret parameter generated once (32 letters and digits) and kept with the app host's user secrets.</summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedSecret(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddParameter(name, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
    }
}
