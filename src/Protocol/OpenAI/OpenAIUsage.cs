namespace Cascade.Protocol.OpenAI;

/// <summary>Token usage of a completion.</summary>
public sealed class OpenAIUsage
{
    /// <summary>Gets or sets the input tokens.</summary>
    public long PromptTokens { get; set; }

    /// <summary>Gets or sets the output tokens.</summary>
    public long CompletionTokens { get; set; }

    /// <summary>Gets or sets the sum of input and output tokens.</summary>
    public long TotalTokens { get; set; }

    /// <summary>Gets or sets the input token breakdown (<c>cached_tokens</c>).</summary>
    public OpenAIPromptTokensDetails? PromptTokensDetails { get; set; }

    /// <summary>Gets or sets the output token breakdown (<c>reasoning_tokens</c>).</summary>
    public OpenAICompletionTokensDetails? CompletionTokensDetails { get; set; }

    /// <summary>Creates usage with its total.</summary>
    public static OpenAIUsage Create(long promptTokens, long completionTokens) =>
        new() { PromptTokens = promptTokens, CompletionTokens = completionTokens, TotalTokens = promptTokens + completionTokens };
}
