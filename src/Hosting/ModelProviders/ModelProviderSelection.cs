namespace Cascade.Hosting.ModelProviders;

/// <summary>
/// Which model providers a run uses: the parameters <c>anthropic-api-key</c> (or <c>ANTHROPIC_API_KEY</c>), and
/// <c>openai-base-url</c> with <c>openai-api-key</c> (or <c>OPENAI_BASE_URL</c> with <c>OPENAI_API_KEY</c>), select real
/// providers; with none of them the simulator answers.
/// </summary>
public sealed record ModelProviderSelection
{
    /// <summary>The Anthropic key's parameter name.</summary>
    public const string AnthropicApiKeyParameter = "anthropic-api-key";

    /// <summary>The OpenAI-compatible base URL's parameter name.</summary>
    public const string OpenAIBaseUrlParameter = "openai-base-url";

    /// <summary>The OpenAI-compatible key's parameter name.</summary>
    public const string OpenAIApiKeyParameter = "openai-api-key";

    /// <summary>The Anthropic key's environment variable, read when its parameter is not set.</summary>
    public const string AnthropicApiKeyVariable = "ANTHROPIC_API_KEY";

    /// <summary>The OpenAI-compatible base URL's environment variable, read when its parameter is not set.</summary>
    public const string OpenAIBaseUrlVariable = "OPENAI_BASE_URL";

    /// <summary>The OpenAI-compatible key's environment variable, read when its parameter is not set.</summary>
    public const string OpenAIApiKeyVariable = "OPENAI_API_KEY";

    /// <summary>Gets the Anthropic key parameter, when set.</summary>
    public IResourceBuilder<ParameterResource>? AnthropicApiKey { get; init; }

    /// <summary>Gets the OpenAI-compatible base URL parameter, when set with a key.</summary>
    public IResourceBuilder<ParameterResource>? OpenAIBaseUrl { get; init; }

    /// <summary>Gets the OpenAI-compatible key parameter, when set with a base URL.</summary>
    public IResourceBuilder<ParameterResource>? OpenAIApiKey { get; init; }

    /// <summary>Gets a warning about a half-configured provider, or <see langword="null"/>.</summary>
    public string? Warning { get; init; }

    /// <summary>Gets a value indicating whether the simulator answers (no real provider is configured).</summary>
    public bool UsesSimulator => AnthropicApiKey is null && OpenAIBaseUrl is null;

    /// <summary>Gets what the dashboard and the console say of the selection.</summary>
    public string Description
    {
        get
        {
            if (UsesSimulator)
            {
                return $"the simulator (set the parameter {AnthropicApiKeyParameter}, or {OpenAIBaseUrlParameter} with {OpenAIApiKeyParameter}, to use real providers)";
            }

            List<string> parts = [];
            if (AnthropicApiKey is not null)
            {
                parts.Add("Anthropic");
            }

            if (OpenAIBaseUrl is not null)
            {
                parts.Add("OpenAI-compatible");
            }

            return "real providers: " + string.Join(", ", parts);
        }
    }

    /// <summary>Reads the selection from the builder's configuration and adds a parameter for each provider setting found.</summary>
    /// <exception cref="DistributedApplicationException">The OpenAI-compatible base URL is not an absolute http(s) URL.</exception>
    public static ModelProviderSelection Detect(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string? anthropicKey = Setting(builder, AnthropicApiKeyParameter, AnthropicApiKeyVariable);
        string? openAIBaseUrl = Setting(builder, OpenAIBaseUrlParameter, OpenAIBaseUrlVariable);
        string? openAIKey = Setting(builder, OpenAIApiKeyParameter, OpenAIApiKeyVariable);

        if (openAIBaseUrl is not null && !(Uri.TryCreate(openAIBaseUrl, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"))
        {
            throw new DistributedApplicationException(
                $"The parameter {OpenAIBaseUrlParameter} ({OpenAIBaseUrlVariable}) must be an absolute http(s) URL such as https://api.openai.com/v1 (was '{openAIBaseUrl}').");
        }

        string? warning = (openAIBaseUrl, openAIKey) switch
        {
            (null, not null) => $"{OpenAIApiKeyParameter} is set without {OpenAIBaseUrlParameter}, so it is not used; set {OpenAIBaseUrlParameter} (for example https://api.openai.com/v1) too.",
            (not null, null) => $"{OpenAIBaseUrlParameter} is set without {OpenAIApiKeyParameter}, so it is not used; set {OpenAIApiKeyParameter} too.",
            _ => null,
        };

        bool openAI = openAIBaseUrl is not null && openAIKey is not null;
        return new ModelProviderSelection
        {
            AnthropicApiKey = anthropicKey is null ? null : Parameter(builder, AnthropicApiKeyParameter, AnthropicApiKeyVariable, secret: true),
            OpenAIBaseUrl = openAI ? Parameter(builder, OpenAIBaseUrlParameter, OpenAIBaseUrlVariable, secret: false) : null,
            OpenAIApiKey = openAI ? Parameter(builder, OpenAIApiKeyParameter, OpenAIApiKeyVariable, secret: true) : null,
            Warning = warning,
        };
    }

    private static string? Setting(IDistributedApplicationBuilder builder, string parameter, string variable) =>
        NonEmpty(builder.Configuration[$"Parameters:{parameter}"]) ?? NonEmpty(builder.Configuration[variable]);

    // A parameter set as Parameters:<name> is read the usual way; one set only as the provider's own variable is read from it.
    private static IResourceBuilder<ParameterResource> Parameter(IDistributedApplicationBuilder builder, string parameter, string variable, bool secret) =>
        NonEmpty(builder.Configuration[$"Parameters:{parameter}"]) is not null
            ? builder.AddParameter(parameter, secret: secret)
            : builder.AddParameterFromConfiguration(parameter, variable, secret: secret);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
