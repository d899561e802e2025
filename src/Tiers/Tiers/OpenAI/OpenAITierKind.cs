using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Cascade;

/// <summary>The <c>openai</c> tier kind: any OpenAI-compatible endpoint through Microsoft.Extensions.AI.OpenAI, its own retries and timeout off, observed by <see cref="ProviderResponseObserver"/>.</summary>
/// <remarks>The endpoint includes the API version path (for example <c>http://127.0.0.1:5000/v1</c>).</remarks>
public sealed class OpenAITierKind : ITierKind
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "openai";

    /// <summary>The variable the API key is read from when none is configured.</summary>
    public const string ApiKeyVariable = "OPENAI_API_KEY";

    /// <inheritdoc/>
    public string Name => KindName;

    /// <inheritdoc/>
    public IChatClient CreateClient(TierKindContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string key = context.ApiKey ?? throw new InvalidOperationException(
            $"Tier '{context.Tier.Name}', deployment '{context.Deployment.Name ?? context.Deployment.Model}': no OpenAI API key; set {ApiKeyVariable}, the deployment's ApiKeyVariable, or Cascade:Providers:openai:ApiKey.");
        var options = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
            Transport = new HttpClientPipelineTransport(ProviderResponseObserver.CreateHttpClient()),
        };
        if (context.Endpoint is { } endpoint)
        {
            options.Endpoint = endpoint;
        }

        return new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient(context.Deployment.Model).AsIChatClient();
    }
}
