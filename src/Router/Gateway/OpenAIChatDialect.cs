using System.Text.Json;
using Cascade.Protocol.Conversion;
using Cascade.Protocol.OpenAI;
using Cascade.Protocol;
using Cascade.Protocol.Sse;
using Microsoft.Extensions.AI;

namespace Cascade.Router;

/// <summary>OpenAI's Chat Completions on the shared protocol types.</summary>
internal sealed class OpenAIChatDialect(TimeProvider timeProvider) : IGatewayDialect
{
    public ApiFlavor Flavor => ApiFlavor.OpenAI;

    public (ParsedRequest? Request, RouterError? Error) Parse(byte[] body)
    {
        OpenAIChatRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.OpenAIChatRequest);
        }
        catch (JsonException ex)
        {
            return (null, new RouterError(400, "invalid_json", $"The request body is not valid JSON for a chat completion: {ex.Message}"));
        }

        if (request is null)
        {
            return (null, new RouterError(400, "invalid_json", "The request body is empty; send a JSON chat completion request."));
        }

        if (request.Validate() is { } problem)
        {
            return (null, new RouterError(400, "invalid_request", problem.Message) { Param = problem.Param });
        }

        if (request.N is > 1)
        {
            return (null, new RouterError(400, "unsupported_parameter", "n > 1 is not supported by the cascade; send one request per answer.") { Param = "n" });
        }

        try
        {
            var (messages, options) = OpenAIChatConversion.ToChat(request);
            return (new ParsedRequest(request.Model!, messages, options, request.Stream == true), null);
        }
        catch (ArgumentException ex)
        {
            return (null, new RouterError(400, "invalid_request", ex.Message));
        }
    }

    public byte[] WriteResponse(ChatResponse response, CascadeRoute route, string requestedModel)
    {
        OpenAIChatMessage message = new()
        {
            Role = OpenAIRoles.Assistant,
            Content = response.Text is { Length: > 0 } text ? new OpenAIMessageContent(text) : null,
            ToolCalls = ToolCalls(response.Messages.SelectMany(m => m.Contents)),
        };
        if (message.Content is null && message.ToolCalls is null)
        {
            message.Content = new OpenAIMessageContent(string.Empty);
        }

        OpenAIChatCompletion completion = new()
        {
            Id = "chatcmpl-" + route.RequestId,
            Created = timeProvider.GetUtcNow().ToUnixTimeSeconds(),
            Model = route.ResolvedModel ?? response.ModelId ?? requestedModel,
            Choices = [new OpenAIChatChoice { Index = 0, Message = message, FinishReason = FinishReason(response.FinishReason, message.ToolCalls is not null) }],
            Usage = Usage(route),
        };
        return JsonSerializer.SerializeToUtf8Bytes(completion, ProtocolJsonContext.Default.OpenAIChatCompletion);
    }

    public IGatewayStream CreateStream(SseWriter sse, string requestId, string requestedModel) => new Stream(sse, requestId, requestedModel, timeProvider.GetUtcNow().ToUnixTimeSeconds());

    internal static string? FinishReason(ChatFinishReason? reason, bool hasToolCalls) =>
        hasToolCalls ? OpenAIFinishReasons.ToolCalls
        : reason == ChatFinishReason.Length ? OpenAIFinishReasons.Length
        : reason == ChatFinishReason.ContentFilter ? OpenAIFinishReasons.ContentFilter
        : reason == ChatFinishReason.ToolCalls ? OpenAIFinishReasons.ToolCalls
        : OpenAIFinishReasons.Stop;

    private static OpenAIUsage Usage(CascadeRoute route)
    {
        TokenUsage usage = route.TotalUsage;
        return OpenAIUsage.Create(usage.TotalInputTokens, usage.OutputTokens);
    }

    private static List<OpenAIToolCall>? ToolCalls(IEnumerable<AIContent> contents)
    {
        List<OpenAIToolCall> calls = contents.OfType<FunctionCallContent>()
            .Select(call => new OpenAIToolCall { Id = call.CallId, Function = new OpenAIFunctionCall { Name = call.Name, Arguments = Arguments(call) } })
            .ToList();
        return calls.Count == 0 ? null : calls;
    }

    private static string Arguments(FunctionCallContent call) =>
        call.Arguments is null ? "{}" : JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));

    private sealed class Stream(SseWriter sse, string requestId, string model, long created) : IGatewayStream
    {
        private int _toolIndex;
        private bool _sawTools;

        public ValueTask StartAsync(CancellationToken cancellationToken) =>
            WriteChunkAsync(new OpenAIChatDelta { Role = OpenAIRoles.Assistant, Content = string.Empty }, null, cancellationToken);

        public async ValueTask WriteAsync(ChatResponseUpdate update, CancellationToken cancellationToken)
        {
            foreach (AIContent content in update.Contents)
            {
                switch (content)
                {
                    case TextContent { Text.Length: > 0 } text:
                        await WriteChunkAsync(new OpenAIChatDelta { Content = text.Text }, null, cancellationToken);
                        break;
                    case FunctionCallContent call:
                        _sawTools = true;
                        await WriteChunkAsync(
                            new OpenAIChatDelta
                            {
                                ToolCalls = [new OpenAIToolCallDelta { Index = _toolIndex++, Id = call.CallId, Type = "function", Function = new OpenAIFunctionCall { Name = call.Name, Arguments = Arguments(call) } }],
                            },
                            null,
                            cancellationToken);
                        break;
                }
            }
        }

        public async ValueTask CompleteAsync(CascadeRoute route, ChatFinishReason? finishReason, CancellationToken cancellationToken)
        {
            await WriteChunkAsync(new OpenAIChatDelta(), FinishReason(finishReason, _sawTools), cancellationToken);

            // The usage chunk (what stream_options.include_usage asks for) also carries the route: the tier is only known now.
            OpenAIChatChunk last = new() { Id = "chatcmpl-" + requestId, Created = created, Model = route.ResolvedModel ?? model, Choices = [], Usage = Usage(route) };
            await sse.WriteRawAsync(null, RouteJson.WithRoute(last, ProtocolJsonContext.Default.OpenAIChatChunk, route), cancellationToken);
            await sse.WriteRawAsync(null, SseWriter.DoneMarker, cancellationToken);
        }

        public async ValueTask FailAsync(RouterError error, CancellationToken cancellationToken)
        {
            // No finish_reason, no usage chunk and no [DONE] after it: the stream did not end normally.
            await sse.WriteAsync(null, RouterErrorWriter.ToOpenAI(error), ProtocolJsonContext.Default.OpenAIErrorResponse, cancellationToken);
        }

        private ValueTask WriteChunkAsync(OpenAIChatDelta delta, string? finishReason, CancellationToken cancellationToken) =>
            sse.WriteAsync(
                null,
                new OpenAIChatChunk { Id = "chatcmpl-" + requestId, Created = created, Model = model, Choices = [new OpenAIChunkChoice { Index = 0, Delta = delta, FinishReason = finishReason }] },
                ProtocolJsonContext.Default.OpenAIChatChunk,
                cancellationToken);
    }
}
