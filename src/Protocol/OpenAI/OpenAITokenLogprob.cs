namespace Cascade.Protocol.OpenAI;

/// <summary>A token with its log-probability and, when asked, the most likely alternatives.</summary>
public sealed class OpenAITokenLogprob
{
    /// <summary>Gets or sets the token text.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>Gets or sets the natural-log probability (0 = certain).</summary>
    public double Logprob { get; set; }

    /// <summary>Gets or sets the token's UTF-8 bytes.</summary>
    public List<int>? Bytes { get; set; }

    /// <summary>Gets or sets the most likely tokens at this position (<c>top_logprobs</c>).</summary>
    public List<OpenAITopLogprob> TopLogprobs { get; set; } = [];
}
