using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.Router.Tests;

/// <summary>Hosts the router in memory with test settings and a fake clock.</summary>
public sealed class RouterFactory : WebApplicationFactory<Program>
{
    /// <summary>The admin key the tests use.</summary>
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly Dictionary<string, string?> _settings;
    private Action<IServiceCollection>? _services;
    private bool _kestrel;

    /// <summary>Initializes a factory.</summary>
    /// <param name="redisConnection">The Redis connection string, or <see langword="null"/> for in-memory state.</param>
    /// <param name="settings">More settings.</param>
    public RouterFactory(string? redisConnection = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Router:AdminKey"] = AdminKey,
            ["Router:RedisPrefix"] = $"test:{Guid.NewGuid():N}:",

            // A provider that is never called unless a test points the ladder at a simulator (OnKestrel does).
            ["Cascade:Providers:anthropic:Endpoint"] = "http://127.0.0.1:9",
            ["Cascade:Providers:anthropic:ApiKey"] = "unused",
            ["Cascade:Providers:openai:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Cascade:Providers:openai:ApiKey"] = "unused",
        };
        if (redisConnection is not null)
        {
            _settings["ConnectionStrings:redis"] = redisConnection;
        }

        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[name] = value;
        }
    }

    /// <summary>Creates a router on Kestrel (127.0.0.1, a free port) whose ladder is served by <paramref name="simulator"/>:
    /// <c>haiku</c> and <c>sonnet</c> through the Anthropic API, <c>opus</c> through the OpenAI-compatible API.</summary>
    public static RouterFactory OnKestrel(
        SimulatorHost simulator, string? redisConnection = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Dictionary<string, string?> all = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Cascade:Providers:anthropic:Endpoint"] = simulator.BaseUrl.ToString(),
            ["Cascade:Providers:anthropic:ApiKey"] = "sim-key",
            ["Cascade:Providers:openai:Endpoint"] = new Uri(simulator.BaseUrl, "/v1").ToString(),
            ["Cascade:Providers:openai:ApiKey"] = "sim-key",
            ["Cascade:Tiers:0:Name"] = "haiku",
            ["Cascade:Tiers:0:Kind"] = "anthropic",
            ["Cascade:Tiers:0:Deployments:0:Model"] = SimulatorHost.Haiku,
            ["Cascade:Tiers:1:Name"] = "sonnet",
            ["Cascade:Tiers:1:Kind"] = "anthropic",
            ["Cascade:Tiers:1:Deployments:0:Model"] = SimulatorHost.Sonnet,
            ["Cascade:Tiers:2:Name"] = "opus",
            ["Cascade:Tiers:2:Kind"] = "openai",
            ["Cascade:Tiers:2:Deployments:0:Model"] = SimulatorHost.Opus,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            all[name] = value;
        }

        RouterFactory factory = new(redisConnection, all) { _services = services };
        factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        factory._kestrel = true;
        return factory;
    }

    /// <summary>Gets the router's address on Kestrel, after <see cref="OnKestrel"/>.</summary>
    public Uri BaseUrl => new(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Creates a client: over the network on Kestrel, in memory otherwise.</summary>
    public HttpClient CreateHttpClient(string? apiKey = null)
    {
        HttpClient client = _kestrel ? new HttpClient { BaseAddress = BaseUrl } : CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>Creates a key through the admin API.</summary>
    public async Task<CreatedApiKey> CreateKeyAsync(ApiKeyPolicy? policy = null, string name = "test")
    {
        using HttpClient admin = CreateAdminClient();
        HttpResponseMessage response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(admin, "/admin/keys", new CreateApiKeyRequest(name, policy));
        response.EnsureSuccessStatusCode();
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<CreatedApiKey>(response.Content))!;
    }

    /// <summary>Gets the router's clock.</summary>
    public FakeTimeProvider Clock { get; } = TestRouter.Clock();

    /// <summary>Creates a client that sends the admin key.</summary>
    public HttpClient CreateAdminClient()
    {
        HttpClient client = CreateHttpClient();
        client.DefaultRequestHeaders.Add("x-admin-key", AdminKey);
        return client;
    }

    /// <inheritdoc/>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (name, value) in _settings)
        {
            builder.UseSetting(name, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));

            // Beside the usual providers, so tests can read what was logged (Services.GetFakeLogCollector()).
            services.AddLogging(logging => logging.AddFakeLogging());
            _services?.Invoke(services);
        });
    }
}
