using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Microsoft.Extensions.AI;
using OpenAI;
using static Cascade.Tests.Failures.FakeProviderServer;

namespace Cascade.Tests.Failures;

/// <summary>Builds the real SDK clients the way the tiers do: SDK retries off, the response observer in the HTTP pipeline.</summary>
public static class ProviderClients
{
    /// <summary>The model id used in requests.</summary>
    public static string ModelOf(Protocol protocol) => protocol == Protocol.Anthropic ? "claude-haiku-4-5" : "gpt-4o-mini";

    /// <summary>Builds an <see cref="IChatClient"/> for <paramref name="protocol"/> pointed at <paramref name="baseUrl"/>.</summary>
    /// <param name="protocol">Which SDK.</param>
    /// <param name="baseUrl">The server's base URL, without <c>/v1</c>.</param>
    /// <param name="observer">The response observer; <see langword="null"/> builds the client without one.</param>
    public static IChatClient Create(Protocol protocol, string baseUrl, ProviderResponseObserver? observer)
    {
        if (protocol == Protocol.Anthropic)
        {
            var client = new AnthropicClient { ApiKey = "test-key", BaseUrl = baseUrl, MaxRetries = 0 };
            if (observer is not null)
            {
                client = new AnthropicClient { ApiKey = "test-key", BaseUrl = baseUrl, MaxRetries = 0, HttpClient = ProviderResponseObserver.CreateHttpClient(observer) };
            }

            return client.AsIChatClient(ModelOf(protocol), defaultMaxOutputTokens: 256);
        }

        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(baseUrl + "/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        if (observer is not null)
        {
            options.Transport = new HttpClientPipelineTransport(ProviderResponseObserver.CreateHttpClient(observer));
        }

        return new OpenAIClient(new ApiKeyCredential("test-key"), options).GetChatClient(ModelOf(protocol)).AsIChatClient();
    }

    /// <summary>Builds a deployment over a real SDK client.</summary>
    public static Deployment Deployment(string name, Protocol protocol, string baseUrl, ProviderResponseObserver? observer = null) =>
        new(name, protocol == Protocol.Anthropic ? "anthropic" : "openai", ModelOf(protocol), Create(protocol, baseUrl, observer ?? new ProviderResponseObserver()), Price);

    /// <summary>The price every test deployment bills at: $1 in, $5 out per million tokens.</summary>
    public static PriceTable Price { get; } = PriceTable.WithAnthropicCaching(1m, 5m);
}
