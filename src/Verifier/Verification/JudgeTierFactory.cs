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
        IChatClient? client = services.GetKeyedService<IChatClient>(JudgeClientKey);
        string provider = judge.Provider.ToLowerInvariant();
        if (client is null)
        {
            string? endpoint = judge.Endpoint ?? services.GetRequiredService<IConfiguration>()["services:simulator:http:0"];
            if (endpoint is null && judge.ApiKey is null)
            {
                throw new OptionsValidationException(VerifierOptions.SectionName, typeof(VerifierOptions),
                    ["Verifier:Judge has no endpoint: set Verifier:Judge:Endpoint, run under the AppHost (services__simulator__http__0), set Verifier:Judge:ApiKey for the provider's public API, or set Verifier:Judge:Provider to none."]);
            }

            client = provider == "openai" ? CreateOpenAi(judge, endpoint) : CreateAnthropic(judge, endpoint);
        }

        var deployment = new Deployment("judge", provider, judge.Model, client, price) { DefaultMaxOutputTokens = judge.MaxOutputTokens };
        return new VerifierTiers(new Tier(JudgeTierName, [deployment], TierStreamingMode.StreamDirect));
    }

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

    private static IChatClient CreateAnthropic(JudgeModelOptions judge, string? endpoint)
    {
        // The SDK retries by itself unless told not to; the verifier's caller owns retries and timeouts.
        var anthropic = new AnthropicClient { ApiKey = judge.ApiKey ?? "simulator", MaxRetries = 0 };
        if (endpoint is not null)
        {
            anthropic = new AnthropicClient { ApiKey = judge.ApiKey ?? "simulator", MaxRetries = 0, BaseUrl = endpoint.TrimEnd('/') };
        }

        return anthropic.AsIChatClient(judge.Model, defaultMaxOutputTokens: judge.MaxOutputTokens);
    }

    private static IChatClient CreateOpenAi(JudgeModelOptions judge, string? endpoint)
    {
        var options = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        if (endpoint is not null)
        {
            options.Endpoint = new Uri(endpoint.TrimEnd('/') + "/v1");
        }

        return new OpenAIClient(new ApiKeyCredential(judge.ApiKey ?? "simulator"), options).GetChatClient(judge.Model).AsIChatClient();
    }
}
