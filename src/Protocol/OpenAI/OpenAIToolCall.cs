namespace Cascade.Protocol.OpenAI;

/// <summary>A tool call of an assistant message (<c>type: function</c>).</summary>
public sealed class OpenAIToolCall
{
    /// <summary>Gets or sets the call id (<c>call_...</c>).</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the call kind, <c>function</c>.</summary>
    public string? Type { get; set; } = "function";

    /// <summary>Gets or sets the function and its JSON arguments.</summary>
    public OpenAIFunctionCall? Function { get; set; }
}
