namespace Cascade.Protocol.Anthropic;

/// <summary>How the model chooses tools: <c>auto</c>, <c>any</c>, <c>tool</c> (with <see cref="Name"/>) or <c>none</c>.</summary>
public sealed class AnthropicToolChoice
{
    /// <summary>Gets or sets the choice kind.</summary>
    public string? Type { get; set; }

    /// <summary>Gets or sets the tool to call when <see cref="Type"/> is <c>tool</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets whether at most one tool call is allowed.</summary>
    public bool? DisableParallelToolUse { get; set; }
}
