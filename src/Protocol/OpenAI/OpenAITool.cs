namespace Cascade.Protocol.OpenAI;

/// <summary>A tool offered to the model.</summary>
public sealed class OpenAITool
{
    /// <summary>Gets or sets the tool kind, <c>function</c>.</summary>
    public string? Type { get; set; } = "function";

    /// <summary>Gets or sets the function.</summary>
    public OpenAIFunctionDefinition? Function { get; set; }
}
