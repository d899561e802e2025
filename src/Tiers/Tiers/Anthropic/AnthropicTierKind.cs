using Anthropic;
using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>The <c>anthropic</c> tier kind: the official Anthropic SDK through <c>AsIChatClient</c>, its own retries off, observed by <see cref="ProviderResponseObserver"/>.</summary>
public sealed class AnthropicTierKind : ITierKind
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "anthropic";

    /// <summary>The variable the API key is read from when none is configured.</summary>
    public const string ApiKeyVariable = "ANTHROPIC_API_KEY";

    /// <summary>The SDK's own request timeout: long, so that the cascade's attempt timeout is the one that applies.</summary>
    public static readonly TimeSpan SdkTimeout = TimeSpan.FromMinutes(30);

    /// <inheritdoc/>
    public string Name => KindName;

    /// <inheritdoc/>
    public IChatClient CreateClient(TierKindContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string key = context.ApiKey ?? throw new InvalidOperationException(
            $"Tier '{context.Tier.Name}', deployment '{context.Deployment.Name ?? context.Deployment.Model}': no Anthropic API key; set {ApiKeyVariable}, the deployment's ApiKeyVariable, or Cascade:Providers:anthropic:ApiKey.");
        // The observer lets the failure classifier see statuses, Retry-After and whether the call was accepted, and
        // closes an abandoned answer's connection at once; the HTTP client has no timeout of its own.
        HttpClient http = ProviderResponseObserver.CreateHttpClient();
        // The SDK's own request timeout is set far above the cascade's attempt timeout, which is the one that decides.
        var client = context.Endpoint is { } endpoint
            ? new AnthropicClient { ApiKey = key, MaxRetries = 0, Timeout = SdkTimeout, HttpClient = http, BaseUrl = endpoint.ToString().TrimEnd('/') } // the SDK appends /v1/messages
            : new AnthropicClient { ApiKey = key, MaxRetries = 0, Timeout = SdkTimeout, HttpClient = http };

        return client.AsIChatClient(context.Deployment.Model, defaultMaxOutputTokens: context.Deployment.MaxOutputTokens);
    }
}
