namespace Cascade.Protocol.OpenAI;

/// <summary>The log-probabilities of a choice's tokens.</summary>
public sealed class OpenAILogprobs
{
    /// <summary>Gets or sets one entry per content token.</summary>
    public List<OpenAITokenLogprob>? Content { get; set; }

    /// <summary>Gets or sets one entry per refusal token.</summary>
    public List<OpenAITokenLogprob>? Refusal { get; set; }
}
