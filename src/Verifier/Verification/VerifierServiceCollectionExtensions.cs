using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cascade.Verifier.Verification;

/// <summary>Registers the verifier's services.</summary>
public static class VerifierServiceCollectionExtensions
{
    /// <summary>Adds the options (validated at start-up), the judge tier, the gates, the cache, the cost accounts and the engine.</summary>
    public static IHostApplicationBuilder AddVerifierServices(this IHostApplicationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        services.AddOptions<VerifierOptions>().BindConfiguration(VerifierOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<VerifierOptions>, VerifierOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddGateRegistry();
        services.TryAddSingleton<ITierInvoker, DirectTierInvoker>();
        services.AddSingleton(VerifierTiers.Create);
        services.AddSingleton<VerificationCache>();
        services.AddSingleton<VerificationAccounts>();
        services.AddSingleton(sp => new VerifierTelemetry(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<VerificationEngine>();
        services.AddProblemDetails();
        return builder;
    }
}

