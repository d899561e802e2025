using Cascade.Simulator.Answers;
using Cascade.Simulator.Billing;
using Cascade.Simulator.Configuration;
using Cascade.Simulator.Endpoints;
using Cascade.Simulator.Faults;
using Cascade.Simulator.Generation;
using Cascade.Simulator.Models;
using Cascade.Simulator.Replay;
using Cascade.Simulator.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cascade.Simulator;

/// <summary>Registers and maps the simulator.</summary>
public static class SimulatorServiceCollectionExtensions
{
    /// <summary>Adds the simulator's services, with <see cref="SimulatorOptions"/> bound from <c>Simulator</c> and validated on start.</summary>
    public static IHostApplicationBuilder AddSimulator(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        services.AddOptions<SimulatorOptions>()
            .BindConfiguration(SimulatorOptions.SectionName)
            .PostConfigure(options => options.PriceFile ??= builder.Configuration["Cascade:PriceFile"])
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<FaultRegistry>();
        services.AddSingleton(provider =>
        {
            string? file = provider.GetRequiredService<IOptions<SimulatorOptions>>().Value.PriceFile;
            return string.IsNullOrWhiteSpace(file) ? PriceCatalog.LoadDefault() : PriceCatalog.Load(file);
        });
        services.AddMetrics();
        services.AddSingleton<SimulatorTelemetry>();
        services.AddSingleton<BillingLedger>();
        services.AddSingleton<ReplayStore>();
        services.AddSingleton<AnswerEngine>();
        services.AddSingleton<SimulationService>();
        services.AddHostedService<ReplayLoaderService>();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, SimulatorJsonContext.Default));
        return builder;
    }

    /// <summary>
    /// Reads the <c>appsettings.json</c> beside the binaries, with the lowest precedence, when the content root has
    /// none: <c>dotnet path/to/Cascade.Simulator.dll</c> started from another folder still gets the default models.
    /// </summary>
    public static IHostApplicationBuilder AddSimulatorDefaultsFile(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string beside = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")) && File.Exists(beside))
        {
            IConfigurationRoot defaults = new ConfigurationBuilder().AddJsonFile(beside, optional: true).Build();
            builder.Configuration.Sources.Insert(0, new ChainedConfigurationSource { Configuration = defaults, ShouldDisposeConfiguration = true });
        }

        return builder;
    }

    /// <summary>Maps the Anthropic, OpenAI, models and admin endpoints, and an API-shaped 404 for any other <c>/v1</c> path.</summary>
    public static IEndpointRouteBuilder MapSimulatorApi(this IEndpointRouteBuilder app)
    {
        app.MapAnthropicApi();
        app.MapOpenAIApi();
        app.MapModelsApi();
        app.MapAdminApi();
        app.MapFallback("/v1/{**path}", (HttpContext context) =>
        {
            bool anthropic = context.Request.Headers.ContainsKey(SimulatorHeaders.AnthropicVersion) || context.Request.Headers.ContainsKey(SimulatorHeaders.ApiKey);
            IApiDialect dialect = anthropic ? AnthropicDialect.Instance : OpenAIDialect.Instance;
            return dialect.WriteErrorAsync(context, 404, $"Not found: {context.Request.Method} {context.Request.Path}. This simulator serves POST /v1/messages, POST /v1/chat/completions and GET /v1/models.", "unknown_url");
        });
        return app;
    }
}
