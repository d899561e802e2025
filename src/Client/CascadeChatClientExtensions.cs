using System.ClientModel;
using System.ClientModel.Primitives;
using Cascade.Client;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenAI;

namespace Microsoft.Extensions.Hosting;

/// <summary>Cascade as an Aspire client integration: an <see cref="IChatClient"/> on the Cascade router in one call.</summary>
public static class CascadeChatClientExtensions
{
    /// <summary>The configuration section of <see cref="CascadeClientSettings"/>.</summary>
    public const string SectionName = "Cascade:Client";

    /// <summary>
    /// Registers an <see cref="IChatClient"/> that calls the Cascade router's OpenAI-compatible endpoint: the router found
    /// through <c>ConnectionStrings:&lt;connectionName&gt;</c> (set by <c>WithReference(cascade)</c> in the app host) or service
    /// discovery, its key from the connection string or settings, SDK retries off (the router runs the cascade's own retries and
    /// fallbacks), GenAI telemetry on and the router's <c>/alive</c> among the app's health checks.
    /// </summary>
    /// <param name="builder">The app's builder.</param>
    /// <param name="connectionName">The connection name: the name of the Cascade resource in the app host.</param>
    /// <param name="configureSettings">Adjusts the settings after configuration is read.</param>
    /// <param name="configureHttpClient">Adds handlers to the client's <see cref="HttpClient"/> (never a retry handler).</param>
    /// <returns>The chat client's builder, for further middleware (for example Semantic Kernel's function invocation).</returns>
    /// <exception cref="InvalidOperationException">No API key is configured, or the connection string is malformed.</exception>
    public static ChatClientBuilder AddCascadeChatClient(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<CascadeClientSettings>? configureSettings = null,
        Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        var settings = new CascadeClientSettings();
        builder.Configuration.GetSection(SectionName).Bind(settings);
        builder.Configuration.GetSection($"{SectionName}:{connectionName}").Bind(settings);
        if (builder.Configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
        {
            CascadeConnectionString.Apply(connectionString, settings, connectionName);
        }

        configureSettings?.Invoke(settings);
        if (string.IsNullOrWhiteSpace(settings.ApiKey))
        {
            throw new InvalidOperationException(
                $"No Cascade router key for '{connectionName}': reference the Cascade resource from the app host (ConnectionStrings:{connectionName}), or set {SectionName}:{connectionName}:ApiKey.");
        }

        if (!settings.DisableHealthChecks)
        {
            string httpClientName = HttpClientName(connectionName);
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                $"cascade_{connectionName}",
                services => new RouterHealthCheck(services.GetRequiredService<IHttpClientFactory>(), httpClientName),
                HealthStatus.Unhealthy,
                tags: null));
        }

        return builder.Services.AddCascadeChatClient(connectionName, _ => settings, configureHttpClient);
    }

    /// <summary>
    /// Registers the <see cref="IChatClient"/> on the Cascade router with settings resolved when the client is first built, for
    /// an app whose own options say where the router is (the support chat's). No health check is added.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionName">The connection name; it names the <see cref="HttpClient"/> (<c>cascade-&lt;name&gt;</c>) and, without an endpoint, the service-discovery host.</param>
    /// <param name="settings">Returns the settings; an API key is required.</param>
    /// <param name="configureHttpClient">Adds handlers to the client's <see cref="HttpClient"/> (never a retry handler).</param>
    /// <returns>The chat client's builder.</returns>
    public static ChatClientBuilder AddCascadeChatClient(
        this IServiceCollection services,
        string connectionName,
        Func<IServiceProvider, CascadeClientSettings> settings,
        Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        ArgumentNullException.ThrowIfNull(settings);
        string httpClientName = HttpClientName(connectionName);
        services.AddServiceDiscovery();
        IHttpClientBuilder http = services.AddHttpClient(httpClientName)
            .ConfigureHttpClient((provider, client) =>
            {
                Uri endpoint = settings(provider).Endpoint ?? new Uri($"http://{connectionName}");
                client.BaseAddress = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/");
                client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
            })
            .AddServiceDiscovery();
        configureHttpClient?.Invoke(http);

        return services.AddChatClient(provider =>
        {
            CascadeClientSettings resolved = settings(provider);
            if (string.IsNullOrWhiteSpace(resolved.ApiKey))
            {
                throw new InvalidOperationException($"No Cascade router key for '{connectionName}': set {SectionName}:{connectionName}:ApiKey or reference the Cascade resource (ConnectionStrings:{connectionName}).");
            }

            HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName);
            var options = new OpenAIClientOptions
            {
                Endpoint = new Uri(client.BaseAddress!, "v1"),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                Transport = new HttpClientPipelineTransport(client),
                NetworkTimeout = resolved.Timeout,
            };
            IChatClient router = new OpenAIClient(new ApiKeyCredential(resolved.ApiKey), options)
                .GetChatClient(resolved.Model ?? "cascade")
                .AsIChatClient();

            // Innermost, as Aspire's OpenAI integration does: each router call is its own gen_ai span, also under function invocation.
            return resolved.DisableTracing ? router : router.AsBuilder().UseOpenTelemetry().Build(provider);
        });
    }

    /// <summary>Returns the name of the <see cref="HttpClient"/> that calls the router of <paramref name="connectionName"/>.</summary>
    public static string HttpClientName(string connectionName) => $"cascade-{connectionName}";
}
