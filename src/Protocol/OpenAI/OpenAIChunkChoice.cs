using System.Text.Json.Serialization;

namespace Cascade.Protocol.OpenAI;

/// <summary>A choice delta of a streamed completion.</summary>
public sealed class OpenAIChunkChoice
{
    /// <summary>Gets or sets the choice index.</summary>
    public int Index { get; set; }

    /// <summary>Gets or sets what this chunk adds.</summary>
    public OpenAIChatDelta Delta { get; set; } = new();

    /// <summary>Gets or sets the log-probabilities of this chunk's tokens, when asked for.</summary>
    public OpenAILogprobs? Logprobs { get; set; }

    /// <summary>Gets or sets why generation stopped; <c>null</c> until the last content chunk.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; set; }
}
