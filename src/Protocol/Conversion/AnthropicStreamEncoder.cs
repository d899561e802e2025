using System.Text.Json;
using Cascade.Protocol.Anthropic;
using Microsoft.Extensions.AI;

namespace Cascade.Protocol.Conversion;

/// <summary>
/// Turns a stream of Microsoft.Extensions.AI updates into Anthropic SSE events in the API's order:
/// <see cref="Start"/> gives <c>message_start</c>; <see cref="Encode"/> opens, fills and closes content blocks (text,
/// then one block per tool call); <see cref="Finish"/> closes the open block and gives <c>message_delta</c> and
/// <c>message_stop</c>. One encoder per response; not thread-safe.
/// </summary>
public sealed class AnthropicStreamEncoder
{
    private static readonly JsonElement s_emptyObject = JsonDocument.Parse("{}").RootElement;
    private readonly string _model;
    private readonly string _id;
    private int _index = -1;
    private bool _textOpen;
    private bool _toolCalls;
    private bool _started;
    private bool _finished;
    private ChatFinishReason? _finishReason;
    private long? _outputTokens;
    private long _inputTokens;

    /// <summary>Initializes an encoder for one response.</summary>
    public AnthropicStreamEncoder(string model, string? messageId = null)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _id = messageId ?? "msg_" + Guid.NewGuid().ToString("N");
    }

    /// <summary>Gets the <c>message_start</c> event, with the input tokens billed.</summary>
    /// <exception cref="InvalidOperationException">Called twice.</exception>
    public AnthropicStreamEvent Start(long inputTokens)
    {
        _inputTokens = inputTokens;
        if (_started)
        {
            throw new InvalidOperationException("message_start was already produced for this response.");
        }

        _started = true;
        return AnthropicStreamEvent.MessageStart(new AnthropicMessageResponse { Id = _id, Model = _model, Usage = new AnthropicUsage { InputTokens = inputTokens } });
    }

    /// <summary>Gets the events that carry one update; remembers its usage and finish reason for <see cref="Finish"/>.</summary>
    /// <exception cref="InvalidOperationException">Called before <see cref="Start"/> or after <see cref="Finish"/>.</exception>
    public IReadOnlyList<AnthropicStreamEvent> Encode(ChatResponseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        EnsureOpen();
        var events = new List<AnthropicStreamEvent>(2);
        _finishReason = update.FinishReason ?? _finishReason;
        foreach (AIContent content in update.Contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } text:
                    if (!_textOpen)
                    {
                        _index++;
                        _textOpen = true;
                        events.Add(AnthropicStreamEvent.ContentBlockStart(_index, AnthropicContentBlock.FromText(string.Empty)));
                    }

                    events.Add(AnthropicStreamEvent.TextDelta(_index, text.Text));
                    break;
                case FunctionCallContent call:
                    CloseText(events);
                    _toolCalls = true;
                    _index++;
                    events.Add(AnthropicStreamEvent.ContentBlockStart(_index, AnthropicContentBlock.FromToolUse(call.CallId, call.Name, s_emptyObject)));
                    events.Add(AnthropicStreamEvent.InputJsonDelta(_index, JsonArguments.ToJsonString(call.Arguments)));
                    events.Add(AnthropicStreamEvent.ContentBlockStop(_index));
                    break;
                case UsageContent usage:
                    _outputTokens = usage.Details.OutputTokenCount ?? _outputTokens;
                    break;
            }
        }

        return events;
    }

    /// <summary>Gets the closing events: the open block's stop, <c>message_delta</c> and <c>message_stop</c>.</summary>
    /// <param name="finishReason">The finish reason, when not given by an update.</param>
    /// <param name="outputTokens">The output tokens, when not given by an update's usage.</param>
    public IReadOnlyList<AnthropicStreamEvent> Finish(ChatFinishReason? finishReason = null, long? outputTokens = null)
    {
        EnsureOpen();
        _finished = true;
        var events = new List<AnthropicStreamEvent>(3);
        CloseText(events);
        events.Add(AnthropicStreamEvent.MessageDelta(AnthropicResponseConversion.ToStopReason(finishReason ?? _finishReason, _toolCalls), outputTokens ?? _outputTokens ?? 0, _inputTokens));
        events.Add(AnthropicStreamEvent.MessageStop());
        return events;
    }

    private void CloseText(List<AnthropicStreamEvent> events)
    {
        if (_textOpen)
        {
            _textOpen = false;
            events.Add(AnthropicStreamEvent.ContentBlockStop(_index));
        }
    }

    private void EnsureOpen()
    {
        if (!_started || _finished)
        {
            throw new InvalidOperationException(_started ? "The stream was already finished." : "Call Start before encoding updates.");
        }
    }
}
