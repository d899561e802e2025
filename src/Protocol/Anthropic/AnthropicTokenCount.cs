namespace Cascade.Protocol.Anthropic;

/// <summary>The answer of <c>POST /v1/messages/count_tokens</c>.</summary>
public sealed class AnthropicTokenCount
{
    /// <summary>Gets or sets the input tokens the request would be billed.</summary>
    public long InputTokens { get; set; }
}
