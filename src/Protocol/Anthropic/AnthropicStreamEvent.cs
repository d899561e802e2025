using System.Text.Json.Serialization;

namespace Cascade.Protocol.Anthropic;

/// <summary>
/// One server-sent event of a streamed Messages answer. The SSE <c>event:</c> name equals <see cref="Type"/>; the
/// order is <c>message_start</c>, then per block <c>content_block_start</c>, <c>content_block_delta</c>...,
/// <c>content_block_stop</c>, then <c>message_delta</c> (stop reason, cumulative output usage) and
/// <c>message_stop</c>; <c>ping</c> may come anywhere and <c>error</c> ends a failed stream.
/// </summary>
public sealed class AnthropicStreamEvent
{
    /// <summary>Gets or sets the event type; see <see cref="AnthropicEventTypes"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Type { get; set; } = string.Empty;

    /// <summary>Gets or sets the message of <c>message_start</c>.</summary>
    public AnthropicMessageResponse? Message { get; set; }

    /// <summary>Gets or sets the block index of <c>content_block_*</c> events.</summary>
    public int? Index { get; set; }

    /// <summary>Gets or sets the block opened by <c>content_block_start</c>.</summary>
    public AnthropicContentBlock? ContentBlock { get; set; }

    /// <summary>Gets or sets the delta of <c>content_block_delta</c> and <c>message_delta</c>.</summary>
    public AnthropicStreamDelta? Delta { get; set; }

    /// <summary>Gets or sets the usage of <c>message_delta</c>.</summary>
    public AnthropicUsage? Usage { get; set; }

    /// <summary>Gets or sets the error of an <c>error</c> event.</summary>
    public AnthropicError? Error { get; set; }

    /// <summary>Creates a <c>message_start</c> event.</summary>
    public static AnthropicStreamEvent MessageStart(AnthropicMessageResponse message) => new() { Type = AnthropicEventTypes.MessageStart, Message = message };

    /// <summary>Creates a <c>content_block_start</c> event.</summary>
    public static AnthropicStreamEvent ContentBlockStart(int index, AnthropicContentBlock block) => new() { Type = AnthropicEventTypes.ContentBlockStart, Index = index, ContentBlock = block };

    /// <summary>Creates a <c>content_block_delta</c> event carrying text.</summary>
    public static AnthropicStreamEvent TextDelta(int index, string text) =>
        new() { Type = AnthropicEventTypes.ContentBlockDelta, Index = index, Delta = new AnthropicStreamDelta { Type = AnthropicContentTypes.TextDelta, Text = text } };

    /// <summary>Creates a <c>content_block_delta</c> event carrying a fragment of tool-call JSON.</summary>
    public static AnthropicStreamEvent InputJsonDelta(int index, string partialJson) =>
        new() { Type = AnthropicEventTypes.ContentBlockDelta, Index = index, Delta = new AnthropicStreamDelta { Type = AnthropicContentTypes.InputJsonDelta, PartialJson = partialJson } };

    /// <summary>Creates a <c>content_block_stop</c> event.</summary>
    public static AnthropicStreamEvent ContentBlockStop(int index) => new() { Type = AnthropicEventTypes.ContentBlockStop, Index = index };

    /// <summary>Creates a <c>message_delta</c> event with the stop reason and the cumulative usage.</summary>
    /// <param name="stopReason">The stop reason.</param>
    /// <param name="outputTokens">The output tokens so far.</param>
    /// <param name="inputTokens">
    /// The request's input tokens. The API repeats them here, and clients (the official SDK among them) take this
    /// event's usage as the final count, so a zero would read as an unbilled prompt.
    /// </param>
    /// <param name="stopSequence">The stop sequence that ended the answer, if any.</param>
    public static AnthropicStreamEvent MessageDelta(string? stopReason, long outputTokens, long inputTokens, string? stopSequence = null) =>
        new() { Type = AnthropicEventTypes.MessageDelta, Delta = new AnthropicStreamDelta { StopReason = stopReason, StopSequence = stopSequence }, Usage = new AnthropicUsage { InputTokens = inputTokens, OutputTokens = outputTokens } };

    /// <summary>Creates a <c>message_stop</c> event.</summary>
    public static AnthropicStreamEvent MessageStop() => new() { Type = AnthropicEventTypes.MessageStop };

    /// <summary>Creates a <c>ping</c> event.</summary>
    public static AnthropicStreamEvent Ping() => new() { Type = AnthropicEventTypes.Ping };

    /// <summary>Creates an <c>error</c> event.</summary>
    public static AnthropicStreamEvent ErrorEvent(string errorType, string message) => new() { Type = AnthropicEventTypes.Error, Error = new AnthropicError { Type = errorType, Message = message } };
}
