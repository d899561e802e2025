using Microsoft.Extensions.AI;
using OllamaSharp;

namespace Cascade;

/// <summary>The <c>ollama</c> tier kind: a local Ollama server through OllamaSharp (which does not retry by itself).</summary>
public sealed class OllamaTierKind : ITierKind
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "ollama";

    /// <summary>The endpoint used when none is configured.</summary>
    public static readonly Uri DefaultEndpoint = new("http://127.0.0.1:11434");

    /// <inheritdoc/>
    public string Name => KindName;

    /// <inheritdoc/>
    public IChatClient CreateClient(TierKindContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        HttpClient http = ProviderResponseObserver.CreateHttpClient();
        http.BaseAddress = context.Endpoint ?? DefaultEndpoint;
        return new OllamaApiClient(http, context.Deployment.Model);
    }
}
