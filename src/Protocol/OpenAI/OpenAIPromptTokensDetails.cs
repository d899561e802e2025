namespace Cascade.Protocol.OpenAI;

/// <summary>The breakdown of input tokens.</summary>
public sealed class OpenAIPromptTokensDetails
{
    /// <summary>Gets or sets the input tokens served from the prompt cache.</summary>
    public long CachedTokens { get; set; }
}
