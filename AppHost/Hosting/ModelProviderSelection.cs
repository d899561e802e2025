using Microsoft.Extensions.Configuration;

namespace Cascade.AppHost.Hosting;

/// <summary>
/// Chooses real providers or the simulator from the AppHost's configuration: <c>ANTHROPIC_API_KEY</c>, or
/// <c>OPENAI_BASE_URL</c> with <c>OPENAI_API_KEY</c>, selects real providers; otherwise the simulator.
/// </summary>
public sealed record ModelProviderSelection
{
    /// <summary>The Anthropic key variable.</summary>
    public const string AnthropicApiKeyVariable = "ANTHROPIC_API_KEY";

    /// <summary>The OpenAI-compatible base URL variable.</summary>
    public const string OpenAIBaseUrlVariable = "OPENAI_BASE_URL";

    /// <summary>The OpenAI-compatible key variable.</summary>
    public const string OpenAIApiKeyVariable = "OPENAI_API_KEY";

    /// <summary>Gets the mode.</summary>
    public required ModelProviderMode Mode { get; init; }

    /// <summary>Gets the Anthropic key, when set.</summary>
    public string? AnthropicApiKey { get; init; }

    /// <summary>Gets the OpenAI-compatible base URL, when set with a key.</summary>
    public string? OpenAIBaseUrl { get; init; }

    /// <summary>Gets the OpenAI-compatible key, when set with a base URL.</summary>
    public string? OpenAIApiKey { get; init; }

    /// <summary>Gets a warning about a half-configured provider, or <see langword="null"/>.</summary>
    public string? Warning { get; init; }

    /// <summary>Reads the selection from <paramref name="configuration"/>.</summary>
    /// <exception cref="DistributedApplicationException"><c>OPENAI_BASE_URL</c> is not an absolute http(s) URL.</exception>
    public static ModelProviderSelection Detect(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var anthropicKey = NonEmpty(configuration[AnthropicApiKeyVariable]);
        var openAIBaseUrl = NonEmpty(configuration[OpenAIBaseUrlVariable]);
        var openAIKey = NonEmpty(configuration[OpenAIApiKeyVariable]);

        if (openAIBaseUrl is not null && !(Uri.TryCreate(openAIBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            throw new DistributedApplicationException($"{OpenAIBaseUrlVariable} must be an absolute http(s) URL such as https://api.openai.com/v1 (was '{openAIBaseUrl}').");
        }

        string? warning = (openAIBaseUrl, openAIKey) switch
        {
            (null, not null) => $"{OpenAIApiKeyVariable} is set without {OpenAIBaseUrlVariable}, so it is not used; set {OpenAIBaseUrlVariable} (for example https://api.openai.com/v1) to call that endpoint.",
            (not null, null) => $"{OpenAIBaseUrlVariable} is set without {OpenAIApiKeyVariable}, so it is not used; set {OpenAIApiKeyVariable} too.",
            _ => null,
        };

        var openAI = openAIBaseUrl is not null && openAIKey is not null;
        return new ModelProviderSelection
        {
            Mode = anthropicKey is not null || openAI ? ModelProviderMode.Real : ModelProviderMode.Simulator,
            AnthropicApiKey = anthropicKey,
            OpenAIBaseUrl = openAI ? openAIBaseUrl : null,
            OpenAIApiKey = openAI ? openAIKey : null,
            Warning = warning,
        };
    }

    /// <summary>Returns the one-line description printed at start.</summary>
    /// <param name="simulatorEndpoint">The simulator's address, for the simulator mode.</param>
    public string Describe(Uri? simulatorEndpoint)
    {
        if (Mode == ModelProviderMode.Simulator)
        {
            return $"model providers: the simulator{(simulatorEndpoint is null ? "" : $" at {simulatorEndpoint.GetLeftPart(UriPartial.Authority)}")} " +
                $"(set {AnthropicApiKeyVariable}, or {OpenAIBaseUrlVariable} and {OpenAIApiKeyVariable}, to use real providers)";
        }

        var parts = new List<string>();
        if (AnthropicApiKey is not null)
        {
            parts.Add($"Anthropic ({AnthropicApiKeyVariable})");
        }

        if (OpenAIBaseUrl is not null)
        {
            parts.Add($"OpenAI-compatible at {OpenAIBaseUrl} ({OpenAIApiKeyVariable})");
        }

        return $"model providers: real: {string.Join(", ", parts)}";
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
