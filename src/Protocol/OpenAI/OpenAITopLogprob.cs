namespace Cascade.Protocol.OpenAI;

/// <summary>An alternative token at a position, with its log-probability.</summary>
public sealed class OpenAITopLogprob
{
    /// <summary>Gets or sets the token text.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>Gets or sets the natural-log probability.</summary>
    public double Logprob { get; set; }

    /// <summary>Gets or sets the token's UTF-8 bytes.</summary>
    public List<int>? Bytes { get; set; }
}
