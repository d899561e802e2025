using System.Reflection;
using Cascade.Hosting.Router;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting;

/// <summary>Cascade as an Aspire hosting integration: the whole gateway in one call, or a reference to a router already declared.</summary>
public static class CascadeRouterBuilderExtensions
{
    /// <summary>The dashboard's resource type of <see cref="CascadeRouterResource"/>.</summary>
    public const string ResourceType = "CascadeRouter";

    /// <summary>
    /// Adds the Cascade gateway to an app host: <c>redis-server</c> (when installed), the model simulator, the model
    /// providers, the verifier and the router, named <c>&lt;name&gt;-redis</c>, <c>&lt;name&gt;-simulator</c>, ... and returns
    /// the resource apps reference (<c>WithReference(cascade)</c>, then <c>builder.AddCascadeChatClient("&lt;name&gt;")</c> in
    /// the app). The router API key is the parameter <c>&lt;name&gt;-api-key</c>, generated once and kept.
    /// </summary>
    public static IResourceBuilder<CascadeRouterResource> AddCascadeRouter(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var apiKey = builder.AddGeneratedSecret($"{name}-api-key");
        var adminKey = builder.AddGeneratedSecret($"{name}-admin-key");
        var verifierKey = builder.AddGeneratedSecret($"{name}-verifier-key");
        var simulatorKey = builder.AddGeneratedSecret($"{name}-simulator-key");

        var redis = builder.AddRedisServer($"{name}-redis");
        var simulator = builder.AddProject($"{name}-simulator", ProjectPath("Cascade.SimulatorProject"))
            .WithCascadeSimulatorDefaults(simulatorKey);
        var providers = builder.AddModelProviders($"{name}-model-providers", simulator);
        var verifier = builder.AddProject($"{name}-verifier", ProjectPath("Cascade.VerifierProject"))
            .WithCascadeVerifierDefaults(providers, verifierKey);
        var router = builder.AddProject($"{name}-router", ProjectPath("Cascade.RouterProject"))
            .WithCascadeRouterDefaults(apiKey, adminKey, redis, providers, verifier, verifierKey);
        return builder.AddCascadeConnection(name, router, apiKey);
    }

    /// <summary>
    /// Adds a <see cref="CascadeRouterResource"/> over a router project already declared, so apps reference it and get
    /// <c>ConnectionStrings__&lt;name&gt;</c> (endpoint and key). It turns Running when the router is ready.
    /// </summary>
    public static IResourceBuilder<CascadeRouterResource> AddCascadeConnection(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, IResourceBuilder<ProjectResource> router, IResourceBuilder<ParameterResource> apiKey)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(apiKey);
        var resource = new CascadeRouterResource(name, router.Resource, apiKey.Resource);
        builder.Eventing.Subscribe<ResourceReadyEvent>(router.Resource, async (@event, _) =>
            await @event.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(resource, snapshot => snapshot with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            }));

        return builder.AddResource(resource)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = ResourceType,
                State = KnownResourceStates.Waiting,
                Properties = [],
            })
            .WithParentRelationship(router.Resource);
    }

    private static string ProjectPath(string key)
    {
        string? path = typeof(CascadeRouterBuilderExtensions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
        return path is not null && File.Exists(path)
            ? path
            : throw new DistributedApplicationException($"The Cascade project recorded as {key} ({path ?? "none"}) is not on this machine; AddCascadeRouter runs Cascade's services from their source tree.");
    }
}
