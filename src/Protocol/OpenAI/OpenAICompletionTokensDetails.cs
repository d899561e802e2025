namespace Cascade.Protocol.OpenAI;

/// <summary>The breakdown of output tokens.</summary>
public sealed class OpenAICompletionTokensDetails
{
    /// <summary>Gets or sets the output tokens spent on hidden reasoning.</summary>
    public long ReasoningTokens { get; set; }
}
