using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Wiring every Cascade service shares, following Aspire's ServiceDefaults: OpenTelemetry, health checks and
/// service discovery. A service calls <see cref="AddServiceDefaults{TBuilder}"/> and <see cref="MapDefaultEndpoints"/>.
/// </summary>
/// <remarks>
/// HTTP resilience is deliberately not added to every <see cref="HttpClient"/>: the clients that call model
/// providers or the verifier get their retries and timeouts from the cascade alone, because stacked retries
/// multiply paid calls. Ordinary service-to-service clients opt in with <see cref="AddServiceResilience"/>.
/// </remarks>
public static class Extensions
{
    /// <summary>The path of the health endpoint: every check except the readiness-only ones must pass.</summary>
    public const string HealthEndpointPath = "/health";

    /// <summary>The path of the liveness endpoint (Kubernetes' <c>livenessProbe</c>): the process answers.</summary>
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>The path of the readiness endpoint (Kubernetes' <c>readinessProbe</c>): the service started and its checks tagged <see cref="ReadyTag"/> pass.</summary>
    public const string ReadinessEndpointPath = "/ready";

    /// <summary>The name of the health check tag that <c>/alive</c> reports.</summary>
    public const string LiveTag = "live";

    /// <summary>The name of the health check tag that <c>/ready</c> reports; a check tagged only with it stays out of <c>/health</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The configuration section of the forwarded-headers settings (<c>ForwardedHeaders:KnownProxies</c>, <c>ForwardedHeaders:KnownNetworks</c>, <c>ForwardedHeaders:ForwardLimit</c>).</summary>
    public const string ForwardedHeadersSectionName = ForwardedHeadersConfiguration.SectionName;

    /// <summary>The activity source and meter names of the Cascade libraries, exported by every service.</summary>
    public static readonly string[] CascadeTelemetryNames = ["Cascade", "Cascade.*", "Experimental.Microsoft.Extensions.AI"];

    /// <summary>
    /// Adds OpenTelemetry, default health checks (liveness and a readiness check that passes once the host started),
    /// service discovery, problem details for error responses and the forwarded-headers settings of the
    /// <see cref="ForwardedHeadersSectionName"/> section.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddServiceDiscovery());
        builder.Services.AddProblemDetails();
        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IConfiguration>((options, configuration) => ForwardedHeadersConfiguration.Apply(options, configuration.GetSection(ForwardedHeadersConfiguration.SectionName)));
        return builder;
    }

    /// <summary>
    /// Refuses to start while a secret is set in an <c>appsettings*.json</c> file: secrets come from the environment or a
    /// secret store only. Each pattern is a configuration key whose segments may be <c>*</c> (any one segment).
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="secretKeys">The configuration keys that hold secrets, such as <c>Router:AdminKey</c> or <c>Cascade:Providers:*:ApiKey</c>.</param>
    /// <returns>The builder.</returns>
    /// <remarks>The check runs when the host starts (after every configuration source was added), with the options validated on start.</remarks>
    public static TBuilder RefuseSecretsInSettingsFiles<TBuilder>(this TBuilder builder, params string[] secretKeys)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<SettingsFileSecrets>()
            .Configure(options => options.Keys.AddRange(secretKeys))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SettingsFileSecrets>, SettingsFileSecretsValidator>());
        return builder;
    }

    /// <summary>
    /// Adds the middleware every service runs first: forwarded headers (the client's address and scheme from a trusted
    /// proxy) and, outside Development, an exception handler that answers problem details with no stack trace or request headers.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler();
        }

        return app;
    }

    /// <summary>Adds the standard resilience handler to an ordinary service-to-service client. Never use it on a model-provider or verifier client.</summary>
    public static IHttpClientBuilder AddServiceResilience(this IHttpClientBuilder builder)
    {
        builder.AddStandardResilienceHandler();
        return builder;
    }

    /// <summary>Configures OpenTelemetry logs, metrics and traces; exports over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(CascadeTelemetryNames))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(CascadeTelemetryNames)
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !IsHealthPath(context.Request.Path))
                .AddHttpClientInstrumentation());

        builder.AddOpenTelemetryExporters();
        return builder;
    }

    // Under the AppHost, OTEL_EXPORTER_OTLP_ENDPOINT (and the protocol and headers) point at the Aspire dashboard.
    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Adds a liveness check tagged <see cref="LiveTag"/> and a readiness check tagged <see cref="ReadyTag"/> that passes once the host started.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag])
            .AddReadinessCheck("started", sp => sp.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.IsCancellationRequested
                ? HealthCheckResult.Healthy("The host started: configuration validated, hosted services running.")
                : HealthCheckResult.Unhealthy("The host is still starting."));
        return builder;
    }

    /// <summary>Adds a check that only <c>/ready</c> reports, computed from the application's services.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name, shown in the report.</param>
    /// <param name="check">Computes the result; an exception it throws reports the check unhealthy with the exception's message.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddReadinessCheck(this IHealthChecksBuilder builder, string name, Func<IServiceProvider, HealthCheckResult> check) =>
        builder.Add(new HealthCheckRegistration(name, sp => new ServiceProviderHealthCheck(sp, check), failureStatus: null, tags: [ReadyTag]));

    /// <summary>Maps <c>/health</c> (every check but the readiness-only ones), <c>/alive</c> (liveness checks only) and <c>/ready</c> (readiness checks only).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Mapped in every environment, unlike Aspire's template: the AppHost's health checks, CI and load balancers read them.
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions
        {
            Predicate = r => !(r.Tags.Count == 1 && r.Tags.Contains(ReadyTag)),
            ResponseWriter = WriteHealthAsync,
        });
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        app.MapHealthChecks(ReadinessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag), ResponseWriter = WriteHealthAsync });
        return app;
    }

    private static bool IsHealthPath(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath) || path.StartsWithSegments(AlivenessEndpointPath) || path.StartsWithSegments(ReadinessEndpointPath);

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(body));
    }
}
