using Anthropic;
using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>The <c>anthropic</c> tier kind: the official Anthropic SDK through <c>AsIChatClient</c>, its own retries off.</summary>
public sealed class AnthropicTierKind : ITierKind
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "anthropic";

    /// <summary>The variable the API key is read from when none is configured.</summary>
    public const string ApiKeyVariable = "ANTHROPIC_API_KEY";

    /// <inheritdoc/>
    public string Name => KindName;

    /// <inheritdoc/>
    public IChatClient CreateClient(TierKindContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string key = context.ApiKey ?? throw new InvalidOperationException(
            $"Tier '{context.Tier.Name}', deployment '{context.Deployment.Name ?? context.Deployment.Model}': no Anthropic API key; set {ApiKeyVariable}, the deployment's ApiKeyVariable, or Cascade:Providers:anthropic:ApiKey.");
        var client = new AnthropicClient { ApiKey = key, MaxRetries = 0 };
        if (context.Endpoint is { } endpoint)
        {
            // The SDK appends /v1/messages itself.
            client = new AnthropicClient { ApiKey = key, MaxRetries = 0, BaseUrl = endpoint.ToString().TrimEnd('/') };
        }

        return client.AsIChatClient(context.Deployment.Model, defaultMaxOutputTokens: context.Deployment.MaxOutputTokens);
    }
}
