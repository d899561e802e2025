namespace Cascade.Protocol.Anthropic;

/// <summary>The <c>delta</c> of a <c>content_block_delta</c> (text or tool JSON) or <c>message_delta</c> (stop reason) event.</summary>
public sealed class AnthropicStreamDelta
{
    /// <summary>Gets or sets the delta kind (<c>text_delta</c>, <c>input_json_delta</c>, ...); absent in <c>message_delta</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Gets or sets the text fragment.</summary>
    public string? Text { get; set; }

    /// <summary>Gets or sets the fragment of a tool call's JSON arguments.</summary>
    public string? PartialJson { get; set; }

    /// <summary>Gets or sets a thinking fragment.</summary>
    public string? Thinking { get; set; }

    /// <summary>Gets or sets why generation stopped (<c>message_delta</c>).</summary>
    public string? StopReason { get; set; }

    /// <summary>Gets or sets the stop sequence that matched (<c>message_delta</c>).</summary>
    public string? StopSequence { get; set; }
}
