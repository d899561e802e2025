using System.Text.Json.Serialization;

namespace Cascade.Protocol.OpenAI;

/// <summary>A choice of a non-streamed completion.</summary>
public sealed class OpenAIChatChoice
{
    /// <summary>Gets or sets the choice index.</summary>
    public int Index { get; set; }

    /// <summary>Gets or sets the assistant message.</summary>
    public OpenAIChatMessage Message { get; set; } = new() { Role = OpenAIRoles.Assistant };

    /// <summary>Gets or sets the token log-probabilities, when asked for.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public OpenAILogprobs? Logprobs { get; set; }

    /// <summary>Gets or sets why generation stopped; see <see cref="OpenAIFinishReasons"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; set; }
}
