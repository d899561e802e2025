namespace Cascade.Protocol.OpenAI;

/// <summary>The <c>finish_reason</c> values of the Chat Completions API.</summary>
public static class OpenAIFinishReasons
{
    /// <summary>The model finished, or a stop sequence matched.</summary>
    public const string Stop = "stop";

    /// <summary>The answer reached the output limit.</summary>
    public const string Length = "length";

    /// <summary>The model called tools.</summary>
    public const string ToolCalls = "tool_calls";

    /// <summary>The content filter stopped the answer.</summary>
    public const string ContentFilter = "content_filter";
}
