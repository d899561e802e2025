namespace Cascade.Protocol.Anthropic;

/// <summary>The event names of a streamed Messages answer.</summary>
public static class AnthropicEventTypes
{
    /// <summary>The message opens, with input usage.</summary>
    public const string MessageStart = "message_start";

    /// <summary>A content block opens.</summary>
    public const string ContentBlockStart = "content_block_start";

    /// <summary>A fragment of the open block.</summary>
    public const string ContentBlockDelta = "content_block_delta";

    /// <summary>The open block closes.</summary>
    public const string ContentBlockStop = "content_block_stop";

    /// <summary>The stop reason and cumulative output usage.</summary>
    public const string MessageDelta = "message_delta";

    /// <summary>The stream ends.</summary>
    public const string MessageStop = "message_stop";

    /// <summary>A keep-alive.</summary>
    public const string Ping = "ping";

    /// <summary>The stream failed.</summary>
    public const string Error = "error";
}
