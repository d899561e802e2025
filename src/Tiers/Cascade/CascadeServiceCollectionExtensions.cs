using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cascade;

/// <summary>Registers the cascade, built from configuration, as the application's <see cref="IChatClient"/>.</summary>
public static class CascadeServiceCollectionExtensions
{
    /// <summary>The configuration key that turns message content in spans on or off (<c>Cascade:Telemetry:CaptureMessageContent</c>).</summary>
    public const string CaptureMessageContentKey = "Cascade:Telemetry:CaptureMessageContent";

    /// <summary>The GenAI convention's variable read when <see cref="CaptureMessageContentKey"/> is unset.</summary>
    public const string CaptureMessageContentVariable = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

    /// <summary>
    /// Binds <see cref="CascadeOptions"/> from the <c>Cascade</c> section (or the <c>MODEL_CHAIN</c>/<c>MODEL_COSTS</c>
    /// shorthand when no tier is configured), validates it when the host starts with every error listed, and registers
    /// the cascade as the <see cref="IChatClient"/> with its tier kinds, prices, state store, workload statistics and telemetry.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The application's configuration.</param>
    /// <param name="configure">Changes the cascade's settings after configuration was applied.</param>
    /// <returns>The builder of the registered chat client, to add more middleware.</returns>
    public static ChatClientBuilder AddCascade(this IServiceCollection services, IConfiguration configuration, Action<CascadeChatClient>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddCascadeCore(configuration);
        return services.AddChatClient(sp =>
        {
            CascadeModel model = sp.GetRequiredService<CascadeModel>();
            return new TierChatClient(model.FinalTier, sp.GetService<ITierInvoker>(), sp.GetService<TimeProvider>());
        }).UseCascade(configure: configure);
    }

    /// <summary>Registers everything <see cref="AddCascade"/> does except the chat client itself.</summary>
    public static IServiceCollection AddCascadeCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CascadeOptions>()
            .Bind(configuration.GetSection(CascadeOptions.SectionName))
            .PostConfigure(options =>
            {
                if (options.Tiers.Count == 0 && ModelChainEnvironment.FromEnvironment() is { } chain)
                {
                    options.Tiers = chain;
                }

                if (options.Preset is { } preset && CascadePresets.Names.Contains(preset.Trim().ToLowerInvariant()) && options.Tiers.Count > 0)
                {
                    CascadePresets.Apply(preset, options.Tiers);
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CascadeOptions>, CascadeOptionsStartValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITierKind, RegexFaqTierKind>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITierKind, AnthropicTierKind>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITierKind, OpenAITierKind>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITierKind, OllamaTierKind>());
        services.TryAddSingleton(sp => new TierKindRegistry(sp.GetServices<ITierKind>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<CascadeOptions>>().Value.PriceFile is { } file ? PriceCatalog.Load(file) : PriceCatalog.LoadDefault());
        services.TryAddSingleton<ICascadeStateStore>(_ => new InMemoryCascadeStateStore());
        services.TryAddSingleton(sp => new WorkloadTracker(sp.GetRequiredService<ICascadeStateStore>(), sp.GetRequiredService<IOptions<CascadeOptions>>().Value.WorkloadStatistics));
        // Message content goes into spans only when asked for: Cascade:Telemetry:CaptureMessageContent, else the GenAI
        // convention's OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT (which Aspire sets for a local run).
        services.TryAddSingleton(sp =>
        {
            IConfiguration settings = sp.GetService<IConfiguration>() ?? configuration;
            return new CascadeTelemetry(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>())
            {
                CaptureContent = settings.GetValue<bool?>(CaptureMessageContentKey) ?? settings.GetValue(CaptureMessageContentVariable, false),
            };
        });
        // Attempts are recorded in telemetry once, by the cascade, when the request completes (with their final verdicts).
        services.TryAddSingleton<ITierInvoker>(sp => new ResilientTierInvoker(
            sp.GetRequiredService<IOptions<CascadeOptions>>().Value.Reliability,
            sp.GetRequiredService<ICascadeStateStore>(),
            sp.GetService<TimeProvider>(),
            logger: sp.GetService<Microsoft.Extensions.Logging.ILogger<ResilientTierInvoker>>()));
        services.AddGateRegistry();
        services.TryAddSingleton(sp => new CascadeModelFactory(sp.GetRequiredService<TierKindRegistry>(), configuration, sp));
        services.TryAddSingleton(sp => sp.GetRequiredService<CascadeModelFactory>().Build(
            sp.GetRequiredService<IOptions<CascadeOptions>>().Value, sp.GetRequiredService<PriceCatalog>()));
        return services;
    }

    /// <summary>Registers a tier kind, chosen by its <see cref="ITierKind.Name"/> in configuration.</summary>
    public static IServiceCollection AddTierKind<TKind>(this IServiceCollection services)
        where TKind : class, ITierKind
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ITierKind, TKind>();
        return services;
    }

    /// <summary>Validates the options at start with the registered kinds and prices (read here, not resolved, since the price catalog itself depends on the options).</summary>
    private sealed class CascadeOptionsStartValidator(TierKindRegistry kinds) : IValidateOptions<CascadeOptions>
    {
        public ValidateOptionsResult Validate(string? name, CascadeOptions options)
        {
            PriceCatalog prices;
            try
            {
                prices = options.PriceFile is { } file && File.Exists(file) ? PriceCatalog.Load(file) : PriceCatalog.LoadDefault();
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException)
            {
                return ValidateOptionsResult.Fail($"Cascade:PriceFile could not be read: {ex.Message}");
            }

            return new CascadeOptionsValidator(kinds.Names, prices, kinds.FreeNames).Validate(name, options);
        }
    }
}
