using Cascade.Simulator.Answers;
using Cascade.Simulator.Billing;
using Cascade.Simulator.Configuration;
using Cascade.Simulator.Endpoints;
using Cascade.Simulator.Faults;
using Cascade.Simulator.Generation;
using Cascade.Simulator.Models;
using Cascade.Simulator.Replay;
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
        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<FaultRegistry>();
        services.AddSingleton<BillingLedger>();
        services.AddSingleton<ReplayStore>();
        services.AddSingleton<AnswerEngine>();
        services.AddSingleton<SimulationService>();
        services.AddHostedService<ReplayLoaderService>();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, SimulatorJsonContext.Default));
        return builder;
    }

    /// <summary>Maps the Anthropic, OpenAI, models and admin endpoints.</summary>
    public static IEndpointRouteBuilder MapSimulatorApi(this IEndpointRouteBuilder app)
    {
        app.MapAnthropicApi();
        app.MapOpenAIApi();
        app.MapModelsApi();
        app.MapAdminApi();
        return app;
    }
}
