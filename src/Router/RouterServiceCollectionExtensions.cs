using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using StackExchange.Redis;

namespace Cascade.Router;

/// <summary>Registers and maps the router.</summary>
public static class RouterServiceCollectionExtensions
{
    /// <summary>The connection-string name of Redis (<c>ConnectionStrings:redis</c>, set by the AppHost as <c>ConnectionStrings__redis</c>).</summary>
    public const string RedisConnectionName = "redis";

    private const string ConnectionStringsPrefix = "ConnectionStrings:";

    /// <summary>The verifier's service name, resolved by service discovery (<c>services:verifier:http:0</c>).</summary>
    public const string VerifierServiceName = "verifier";

    /// <summary>The configuration key of the key the router sends the verifier (<c>Cascade:Verifier:ServiceKey</c>).</summary>
    public const string VerifierServiceKeyName = "Cascade:Verifier:ServiceKey";

    /// <summary>The configuration key of the learned routing model's file (<c>Cascade:Routing:Model</c>), relative to the content root or the app's folder.</summary>
    public const string RoutingModelName = "Cascade:Routing:Model";

    /// <summary>The path of the Prometheus scrape endpoint.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// The configuration keys that hold the router's secrets (the admin key, bootstrap key secrets, the verifier's service
    /// key, provider API keys): read from the environment or a secret store, refused in <c>appsettings*.json</c>.
    /// </summary>
    public static readonly string[] SecretKeys =
    [
        $"{RouterOptions.SectionName}:{nameof(RouterOptions.AdminKey)}",
        $"{RouterOptions.SectionName}:{nameof(RouterOptions.BootstrapKeys)}:*:{nameof(BootstrapKeyOptions.Secret)}",
        VerifierServiceKeyName,
        "Cascade:Providers:*:ApiKey",
        "Cascade:Tiers:*:Deployments:*:ApiKey",
    ];

    /// <summary>
    /// Adds the router's services: options (validated at start), the key, spend, idempotency, request-index, key-workload and cascade-state stores
    /// (Redis when <c>ConnectionStrings:redis</c> is set, in memory otherwise), rate limits, admission and the Redis
    /// health check and catch-up.
    /// </summary>
    public static TBuilder AddRouterServices<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        StrongBox<bool> redisReached = new();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RouterOptions>().BindConfiguration(RouterOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RouterOptions>, RouterOptionsValidator>();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, RouterJsonContext.Default));

        string? redis = builder.Configuration.GetConnectionString(RedisConnectionName);
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // Aspire's client integration: the multiplexer from ConnectionStrings:redis, with its tracing. Its health check
            // stays off: the router reports Redis itself (Degraded, not Unhealthy, while it serves on its offline allowance).
            builder.AddRedisClient(
                RedisConnectionName,
                settings => settings.DisableHealthChecks = true,
                options =>
                {
                    options.AbortOnConnectFail = false;

                    // A command must fail at once while Redis is away, never wait in a backlog and run later: the router
                    // has already answered it from local state and queued its own replay.
                    options.BacklogPolicy = BacklogPolicy.FailFast;
                });
            services.TryAddSingleton(sp => new RouterRedis(
                sp.GetRequiredService<IConnectionMultiplexer>(),
                sp.GetRequiredService<IOptions<RouterOptions>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RouterRedis>>()));
            services.TryAddSingleton<IApiKeyStore, RedisApiKeyStore>();
            services.TryAddSingleton<ISpendStore, RedisSpendStore>();
            services.TryAddSingleton<IIdempotencyStore, RedisIdempotencyStore>();
            services.TryAddSingleton<IRequestIndex, RedisRequestIndex>();
            services.TryAddSingleton<IKeyWorkloadStore, RedisKeyWorkloadStore>();
            services.TryAddSingleton<RedisCascadeStateStore>();
            services.TryAddSingleton<IKeyRateLimiter, RedisKeyRateLimiter>();
            services.TryAddSingleton<ICascadeStateStore>(sp => sp.GetRequiredService<RedisCascadeStateStore>());
        }
        else
        {
            services.TryAddSingleton(sp => new RouterRedis(
                null,
                sp.GetRequiredService<IOptions<RouterOptions>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RouterRedis>>()));
            services.TryAddSingleton<IApiKeyStore, InMemoryApiKeyStore>();
            services.TryAddSingleton<ISpendStore, InMemorySpendStore>();
            services.TryAddSingleton<IIdempotencyStore, InMemoryIdempotencyStore>();
            services.TryAddSingleton<IRequestIndex, InMemoryRequestIndex>();
            services.TryAddSingleton<IKeyWorkloadStore, InMemoryKeyWorkloadStore>();
            services.TryAddSingleton<IKeyRateLimiter>(sp => sp.GetRequiredService<KeyRateLimiter>());
        }

        // The cascade from the Cascade section (tiers, gates, limits, reliability), validated at start with every error
        // listed, behind up-front routing from Router:UpfrontRouting; its state store is the router's (above), so circuits,
        // workload statistics and the attempt log are shared through Redis.
        services.AddCascadeCore(builder.Configuration);
        services.AddOptions<UpfrontRoutingOptions>().BindConfiguration($"{RouterOptions.SectionName}:UpfrontRouting");
        ChatClientBuilder cascade = services.AddChatClient(sp =>
        {
            CascadeModel model = sp.GetRequiredService<CascadeModel>();
            return new TierChatClient(model.FinalTier, sp.GetService<ITierInvoker>(), sp.GetService<TimeProvider>());
        });
        if (builder.Configuration.GetValue($"{RouterOptions.SectionName}:UpfrontRouting:Enabled", true))
        {
            cascade.UseUpfrontRouting();
        }

        // The learned up-front router (Cascade:Routing:Model) decides requests of the workloads it covers; the rules keep the rest.
        if (builder.Configuration[RoutingModelName] is { Length: > 0 } modelPath)
        {
            string content = builder.Environment.ContentRootPath;
            services.TryAddSingleton(_ => LoadRoutingModel(modelPath, content));
            cascade.Use((inner, sp) =>
            {
                RoutingModel model = sp.GetRequiredService<RoutingModel>();
                if (inner.GetService<CascadeChatClient>() is { } client)
                {
                    string[] ladder = sp.GetRequiredService<CascadeModel>().Tiers.Select(t => t.Name).ToArray();
                    string[] unknown = model.TierNames().Where(t => !ladder.Contains(t, StringComparer.OrdinalIgnoreCase)).ToArray();
                    if (unknown.Length > 0)
                    {
                        throw new InvalidOperationException($"The routing model '{model.Name}' ({RoutingModelName}) names tiers not on the ladder: {string.Join(", ", unknown)}.");
                    }

                    client.Planner.Classifier = model.Decide;
                }

                return inner;
            });
        }

        cascade.UseCascade();
        services.TryAddSingleton<CascadeGateway>();
        services.TryAddSingleton<RequestOwners>();
        services.TryAddSingleton<CircuitDirectory>();
        services.TryAddSingleton<AlarmMonitor>();
        services.TryAddSingleton<KeyRateLimiter>();
        services.TryAddSingleton<ApiKeyAuthenticator>();
        services.TryAddSingleton<CallerAuthenticator>();
        services.TryAddSingleton<ApiKeyManager>();
        services.TryAddSingleton<RequestAdmission>();
        services.AddHostedService<GatewayWarmup>();
        services.AddHostedService<BootstrapKeysService>();
        services.AddHostedService<RedisCatchUpService>();
        services.AddHostedService<AlarmEvaluationService>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");

        // Readiness (/ready): the options bound and valid, the price file read and the ladder built, and Redis (when
        // configured) reached once. A replica that loses Redis later stays ready: it serves on its offline allowance,
        // and taking every replica out during a Redis blip would turn lost shared state into a lost service.
        services.AddHealthChecks()
            .AddReadinessCheck("configuration", sp =>
            {
                _ = sp.GetRequiredService<IOptions<RouterOptions>>().Value;
                _ = sp.GetRequiredService<PriceCatalog>();
                CascadeModel model = sp.GetRequiredService<CascadeModel>();
                return HealthCheckResult.Healthy($"Configuration and price file loaded; the ladder's final tier is {model.FinalTier.Name}.");
            })
            .AddReadinessCheck("redis-connected", sp =>
            {
                RouterRedis redis = sp.GetRequiredService<RouterRedis>();
                if (!redis.IsConfigured || redis.Multiplexer!.IsConnected)
                {
                    redisReached.Value = true;
                }

                return redisReached.Value
                    ? HealthCheckResult.Healthy(redis.IsConfigured ? "Redis was reached." : "No Redis configured: state is in memory (single replica).")
                    : HealthCheckResult.Unhealthy($"Redis ({ConnectionStringsPrefix}{RedisConnectionName}) has not been reached yet.");
            });

        // The Prometheus scrape endpoint beside OTLP: the same meters (ServiceDefaults adds them), a second reader.
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter());

        // The verifier service (services:verifier, set by the AppHost) for gates of kind "verifier", authenticated with
        // the service key the AppHost hands both sides.
        if (builder.Configuration[$"services:{VerifierServiceName}:http:0"] is { Length: > 0 } || builder.Configuration[$"services:{VerifierServiceName}:https:0"] is { Length: > 0 })
        {
            services.AddCascadeVerifierClient(serviceKey: builder.Configuration[VerifierServiceKeyName]);
        }
        return builder;
    }

    private static RoutingModel LoadRoutingModel(string path, string contentRoot)
    {
        string resolved = Path.IsPathRooted(path) ? path
            : File.Exists(Path.Combine(contentRoot, path)) ? Path.Combine(contentRoot, path)
            : Path.Combine(AppContext.BaseDirectory, path);
        try
        {
            return RoutingModel.Load(resolved);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"The routing model '{resolved}' ({RoutingModelName}) could not be read: {ex.Message}", ex);
        }
    }

    /// <summary>Maps the router's APIs: the model endpoints, models, the attempt log and stats, the admin API (keys and circuits), the caller's own key and <c>/metrics</c>.</summary>
    public static WebApplication MapRouterApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapAdminApi().MapCircuitsApi();
        app.MapKeyApi();
        app.MapGatewayApi();
        app.MapModelsApi();
        app.MapRequestsApi();
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
