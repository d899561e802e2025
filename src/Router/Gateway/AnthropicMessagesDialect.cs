using System.Text.Json;
using Cascade.Protocol;
using Cascade.Protocol.Anthropic;
using Cascade.Protocol.Conversion;
using Cascade.Protocol.Sse;
using Microsoft.Extensions.AI;

namespace Cascade.Router;

/// <summary>Anthropic's Messages API on the shared protocol types.</summary>
internal sealed class AnthropicMessagesDialect : IGatewayDialect
{
    public ApiFlavor Flavor => ApiFlavor.Anthropic;

    public (ParsedRequest? Request, RouterError? Error) Parse(byte[] body)
    {
        AnthropicMessagesRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.AnthropicMessagesRequest);
        }
        catch (JsonException ex)
        {
            return (null, new RouterError(400, "invalid_json", $"The request body is not valid JSON for a message: {ex.Message}"));
        }

        if (request is null)
        {
            return (null, new RouterError(400, "invalid_json", "The request body is empty; send a JSON messages request."));
        }

        if (request.Validate() is { } problem)
        {
            return (null, new RouterError(400, "invalid_request", problem));
        }

        try
        {
            var (messages, options) = AnthropicChatConversion.ToChat(request);
            return (new ParsedRequest(request.Model!, messages, options, request.Stream == true), null);
        }
        catch (ArgumentException ex)
        {
            return (null, new RouterError(400, "invalid_request", ex.Message));
        }
    }

    public byte[] WriteResponse(ChatResponse response, CascadeRoute route, string requestedModel)
    {
        List<AnthropicContentBlock> content = Blocks(response.Messages.SelectMany(m => m.Contents)).ToList();
        AnthropicMessageResponse message = new()
        {
            Id = "msg_" + route.RequestId,
            Model = route.ResolvedModel ?? response.ModelId ?? requestedModel,
            Content = content,
            StopReason = StopReason(response.FinishReason, content.Any(b => b.Type == AnthropicContentTypes.ToolUse)),
            Usage = Usage(route),
        };
        return JsonSerializer.SerializeToUtf8Bytes(message, ProtocolJsonContext.Default.AnthropicMessageResponse);
    }

    public IGatewayStream CreateStream(SseWriter sse, string requestId, string requestedModel) => new Stream(sse, requestId, requestedModel);

    internal static string StopReason(ChatFinishReason? reason, bool hasToolUse) =>
        hasToolUse || reason == ChatFinishReason.ToolCalls ? AnthropicStopReasons.ToolUse
        : reason == ChatFinishReason.Length ? AnthropicStopReasons.MaxTokens
        : reason == ChatFinishReason.ContentFilter ? AnthropicStopReasons.Refusal
        : AnthropicStopReasons.EndTurn;

    private static AnthropicUsage Usage(CascadeRoute route)
    {
        TokenUsage usage = route.TotalUsage;
        return new AnthropicUsage
        {
            InputTokens = usage.InputTokens,
            OutputTokens = usage.OutputTokens,
            CacheCreationInputTokens = usage.CacheWriteTokens == 0 ? null : usage.CacheWriteTokens,
            CacheReadInputTokens = usage.CacheReadTokens == 0 ? null : usage.CacheReadTokens,
        };
    }

    private static IEnumerable<AnthropicContentBlock> Blocks(IEnumerable<AIContent> contents)
    {
        foreach (AIContent content in contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } text:
                    yield return AnthropicContentBlock.FromText(text.Text);
                    break;
                case FunctionCallContent call:
                    yield return AnthropicContentBlock.FromToolUse(call.CallId, call.Name, Input(call));
                    break;
            }
        }
    }

    private static JsonElement Input(FunctionCallContent call) =>
        JsonSerializer.SerializeToElement(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));

    private sealed class Stream(SseWriter sse, string requestId, string model) : IGatewayStream
    {
        private int _index = -1;
        private bool _textOpen;
        private bool _sawTools;

        public ValueTask StartAsync(CancellationToken cancellationToken) =>
            sse.WriteAsync(
                AnthropicEventTypes.MessageStart,
                AnthropicStreamEvent.MessageStart(new AnthropicMessageResponse { Id = "msg_" + requestId, Model = model, Content = [], Usage = new AnthropicUsage() }),
                ProtocolJsonContext.Default.AnthropicStreamEvent,
                cancellationToken);

        public async ValueTask WriteAsync(ChatResponseUpdate update, CancellationToken cancellationToken)
        {
            foreach (AIContent content in update.Contents)
            {
                switch (content)
                {
                    case TextContent { Text.Length: > 0 } text:
                        if (!_textOpen)
                        {
                            _index++;
                            _textOpen = true;
                            await WriteAsync(AnthropicStreamEvent.ContentBlockStart(_index, AnthropicContentBlock.FromText(string.Empty)), cancellationToken);
                        }

                        await WriteAsync(AnthropicStreamEvent.TextDelta(_index, text.Text), cancellationToken);
                        break;
                    case FunctionCallContent call:
                        await CloseTextAsync(cancellationToken);
                        _sawTools = true;
                        _index++;
                        using (JsonDocument empty = JsonDocument.Parse("{}"))
                        {
                            await WriteAsync(AnthropicStreamEvent.ContentBlockStart(_index, AnthropicContentBlock.FromToolUse(call.CallId, call.Name, empty.RootElement.Clone())), cancellationToken);
                        }

                        await WriteAsync(AnthropicStreamEvent.InputJsonDelta(_index, Input(call).GetRawText()), cancellationToken);
                        await WriteAsync(AnthropicStreamEvent.ContentBlockStop(_index), cancellationToken);
                        break;
                }
            }
        }

        public async ValueTask CompleteAsync(CascadeRoute route, ChatFinishReason? finishReason, CancellationToken cancellationToken)
        {
            await CloseTextAsync(cancellationToken);
            AnthropicStreamEvent delta = AnthropicStreamEvent.MessageDelta(StopReason(finishReason, _sawTools), route.TotalUsage.OutputTokens, route.TotalUsage.TotalInputTokens);
            delta.Usage = Usage(route);

            // message_delta carries the final usage, and the route: the tier is only known now.
            await sse.WriteRawAsync(AnthropicEventTypes.MessageDelta, RouteJson.WithRoute(delta, ProtocolJsonContext.Default.AnthropicStreamEvent, route), cancellationToken);
            await WriteAsync(AnthropicStreamEvent.MessageStop(), cancellationToken);
        }

        public ValueTask FailAsync(RouterError error, CancellationToken cancellationToken) =>
            WriteAsync(AnthropicStreamEvent.ErrorEvent(RouterErrorWriter.AnthropicType(error.StatusCode), error.Message), cancellationToken);

        private async ValueTask CloseTextAsync(CancellationToken cancellationToken)
        {
            if (_textOpen)
            {
                _textOpen = false;
                await WriteAsync(AnthropicStreamEvent.ContentBlockStop(_index), cancellationToken);
            }
        }

        private ValueTask WriteAsync(AnthropicStreamEvent streamEvent, CancellationToken cancellationToken) =>
            sse.WriteAsync(streamEvent.Type, streamEvent, ProtocolJsonContext.Default.AnthropicStreamEvent, cancellationToken);
    }
}
