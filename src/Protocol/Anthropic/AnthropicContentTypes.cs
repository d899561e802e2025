namespace Cascade.Protocol.Anthropic;

/// <summary>The <c>type</c> values of Anthropic content blocks and deltas.</summary>
public static class AnthropicContentTypes
{
    /// <summary>A text block.</summary>
    public const string Text = "text";

    /// <summary>A tool call made by the model.</summary>
    public const string ToolUse = "tool_use";

    /// <summary>The result of a tool call, sent by the client.</summary>
    public const string ToolResult = "tool_result";

    /// <summary>An image.</summary>
    public const string Image = "image";

    /// <summary>Extended thinking.</summary>
    public const string Thinking = "thinking";

    /// <summary>A streamed text fragment (<c>content_block_delta</c>).</summary>
    public const string TextDelta = "text_delta";

    /// <summary>A streamed fragment of a tool call's JSON arguments.</summary>
    public const string InputJsonDelta = "input_json_delta";
}
