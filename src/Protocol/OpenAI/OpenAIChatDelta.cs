namespace Cascade.Protocol.OpenAI;

/// <summary>The delta of a streamed choice: the role first, then content or tool-call fragments.</summary>
public sealed class OpenAIChatDelta
{
    /// <summary>Gets or sets the role, in the first chunk.</summary>
    public string? Role { get; set; }

    /// <summary>Gets or sets a content fragment.</summary>
    public string? Content { get; set; }

    /// <summary>Gets or sets tool-call fragments.</summary>
    public List<OpenAIToolCallDelta>? ToolCalls { get; set; }

    /// <summary>Gets or sets a refusal fragment.</summary>
    public string? Refusal { get; set; }
}
