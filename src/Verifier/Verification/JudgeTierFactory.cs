using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenAI;

namespace Cascade.Verifier.Verification;

/// <summary>The verifier's tiers: the judge (the cheap model by default), which the judge and consistency checks call.</summary>
public sealed class VerifierTiers
{
    /// <summary>The judge tier's name, which model-calling checks resolve.</summary>
    public const string JudgeTierName = "judge";

    /// <summary>The service key under which a test or host may register the judge's <see cref="IChatClient"/> directly.</summary>
    public const string JudgeClientKey = "verifier-judge";

    /// <summary>Initializes the tiers.</summary>
    public VerifierTiers(Tier? judge) => Judge = judge;

    /// <summary>Gets the judge's tier, or <see langword="null"/> when no judge is configured.</summary>
    public Tier? Judge { get; }

    /// <summary>Finds a tier by name.</summary>
    public Tier? Find(string name) => Judge is not null && string.Equals(name, JudgeTierName, StringComparison.OrdinalIgnoreCase) ? Judge : null;

    /// <summary>Builds the tiers from configuration, or from a keyed <see cref="IChatClient"/> registered as <see cref="JudgeClientKey"/>.</summary>
    internal static VerifierTiers Create(IServiceProvider services)
    {
        JudgeModelOptions judge = services.GetRequiredService<IOptions<VerifierOptions>>().Value.Judge;
        if (!judge.Enabled)
        {
            return new VerifierTiers(null);
        }

        PriceTable price = PriceOf(judge);
        IConfiguration configuration = services.GetRequiredService<IConfiguration>();
        IChatClient? client = services.GetKeyedService<IChatClient>(JudgeClientKey);
        string provider;
        if (client is not null)
        {
            // A host-registered client: its provider is whatever the host says, "custom" when left to auto.
            provider = judge.Provider.Equals("auto", StringComparison.OrdinalIgnoreCase) ? "custom" : judge.Provider.ToLowerInvariant();
        }
        else
        {
            provider = ProviderOf(judge, configuration);
            client = provider == "openai" ? CreateOpenAi(judge, configuration) : CreateAnthropic(judge, configuration);
        }

        var deployment = new Deployment("judge", provider, judge.Model, client, price) { DefaultMaxOutputTokens = judge.MaxOutputTokens };
        return new VerifierTiers(new Tier(JudgeTierName, [deployment], TierStreamingMode.StreamDirect));
    }

    /// <summary>
    /// Chooses the provider of <c>auto</c>: the OpenAI-compatible client where an OpenAI-compatible endpoint is known (the
    /// AppHost's simulator, <c>OPENAI_BASE_URL</c>, the simulator's address), else Anthropic where its key or endpoint is.
    /// </summary>
    internal static string ProviderOf(JudgeModelOptions judge, IConfiguration configuration)
    {
        string provider = judge.Provider.ToLowerInvariant();
        if (provider != "auto")
        {
            return provider;
        }

        if (judge.Endpoint is not null || configuration["Cascade:Providers:openai:Endpoint"] is not null)
        {
            return "openai";
        }

        if (judge.Model.StartsWith("claude", StringComparison.OrdinalIgnoreCase)
            && (configuration["Cascade:Providers:anthropic:Endpoint"] is not null || configuration["Cascade:Providers:anthropic:ApiKey"] is not null || configuration["ANTHROPIC_API_KEY"] is not null))
        {
            return "anthropic";
        }

        if (configuration["OPENAI_BASE_URL"] is not null || configuration[SimulatorAddressKey] is not null)
        {
            return "openai";
        }

        throw NoEndpoint();
    }

    private const string SimulatorAddressKey = "services:simulator:http:0";

    private static OptionsValidationException NoEndpoint() => new(VerifierOptions.SectionName, typeof(VerifierOptions),
        ["Verifier:Judge has no endpoint: set Verifier:Judge:Endpoint, run under the AppHost (Cascade__Providers__openai__Endpoint or services__simulator__http__0), set OPENAI_BASE_URL or ANTHROPIC_API_KEY, or set Verifier:Judge:Provider to none."]);

    private static PriceTable PriceOf(JudgeModelOptions judge)
    {
        if (judge.InputPricePerMillion is { } input && judge.OutputPricePerMillion is { } output)
        {
            return new PriceTable(input, output, input, input);
        }

        return PriceCatalog.LoadDefault().TryGetPrice(judge.Model, out PriceTable? price)
            ? price
            : throw new OptionsValidationException(VerifierOptions.SectionName, typeof(VerifierOptions),
                [$"Verifier:Judge:Model '{judge.Model}' is not in the price file: set Verifier:Judge:InputPricePerMillion and OutputPricePerMillion."]);
    }

    private static IChatClient CreateAnthropic(JudgeModelOptions judge, IConfiguration configuration)
    {
        string? endpoint = judge.Endpoint ?? configuration["Cascade:Providers:anthropic:Endpoint"] ?? configuration[SimulatorAddressKey];
        string? key = judge.ApiKey ?? configuration["Cascade:Providers:anthropic:ApiKey"] ?? configuration["ANTHROPIC_API_KEY"];
        if (endpoint is null && key is null)
        {
            throw NoEndpoint();
        }

        // The SDK retries by itself unless told not to; the verifier's caller owns retries and timeouts.
        var anthropic = endpoint is null
            ? new AnthropicClient { ApiKey = key ?? "simulator", MaxRetries = 0 }
            : new AnthropicClient { ApiKey = key ?? "simulator", MaxRetries = 0, BaseUrl = endpoint.TrimEnd('/') };
        return anthropic.AsIChatClient(judge.Model, defaultMaxOutputTokens: judge.MaxOutputTokens);
    }

    private static IChatClient CreateOpenAi(JudgeModelOptions judge, IConfiguration configuration)
    {
        // Verifier:Judge:Endpoint and the simulator's address are base URLs; the Cascade provider endpoint and OPENAI_BASE_URL include /v1.
        string? endpoint = judge.Endpoint is { } baseUrl ? baseUrl.TrimEnd('/') + "/v1"
            : configuration["Cascade:Providers:openai:Endpoint"] ?? configuration["OPENAI_BASE_URL"]
            ?? (configuration[SimulatorAddressKey] is { } simulator ? simulator.TrimEnd('/') + "/v1" : null);
        string? key = judge.ApiKey ?? configuration["Cascade:Providers:openai:ApiKey"] ?? configuration["OPENAI_API_KEY"];
        if (endpoint is null && key is null)
        {
            throw NoEndpoint();
        }

        var options = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        if (endpoint is not null)
        {
            options.Endpoint = new Uri(endpoint);
        }

        return new OpenAIClient(new ApiKeyCredential(key ?? "simulator"), options).GetChatClient(judge.Model).AsIChatClient();
    }
}
