using System.Text.Json;
using Cascade.Protocol;
using Cascade.Protocol.Anthropic;
using Cascade.Simulator.Generation;

namespace Cascade.Simulator.Endpoints;

/// <summary>The Anthropic Messages wire format: error bodies, the message object and the SSE event sequence.</summary>
internal sealed class AnthropicDialect : IApiDialect
{
    public static AnthropicDialect Instance { get; } = new();

    public string Name => "anthropic";

    public Task WriteErrorAsync(HttpContext context, int status, string message, string? code = null, string? param = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        string requestId = context.Response.Headers[SimulatorHeaders.AnthropicRequestId].ToString();
        context.Response.Headers["x-should-retry"] = status is 429 or >= 500 ? "true" : "false";
        return JsonSerializer.SerializeAsync(context.Response.Body, AnthropicErrorResponse.Create(status, message, requestId.Length > 0 ? requestId : null), ProtocolJsonContext.Wire.AnthropicErrorResponse);
    }

    public byte[] SerializeResponse(SimulatedCall call, OutputPlan plan)
    {
        var content = new List<AnthropicContentBlock>(2);
        if (plan.Text.Length > 0)
        {
            content.Add(AnthropicContentBlock.FromText(plan.Text));
        }

        if (plan.ToolCall is { } tool)
        {
            content.Add(AnthropicContentBlock.FromToolUse(ToolUseId(tool.Id), tool.Name, ParseArguments(tool.ArgumentsJson)));
        }

        var message = new AnthropicMessageResponse
        {
            Id = "msg_" + call.ResponseId,
            Model = call.RequestedModel,
            Content = content,
            StopReason = StopReason(plan.Stop),
            StopSequence = plan.StopSequence,
            Usage = new AnthropicUsage { InputTokens = call.InputTokens, OutputTokens = plan.OutputTokens, CacheCreationInputTokens = 0, CacheReadInputTokens = 0 },
        };
        return JsonSerializer.SerializeToUtf8Bytes(message, ProtocolJsonContext.Wire.AnthropicMessageResponse);
    }

    public async Task StreamAsync(StreamSession session, SimulatedCall call, OutputPlan plan)
    {
        var events = ProtocolJsonContext.Wire.AnthropicStreamEvent;
        var start = new AnthropicMessageResponse
        {
            Id = "msg_" + call.ResponseId,
            Model = call.RequestedModel,
            Usage = new AnthropicUsage { InputTokens = call.InputTokens, OutputTokens = 0, CacheCreationInputTokens = 0, CacheReadInputTokens = 0 },
        };
        await session.Sse.WriteAsync(AnthropicEventTypes.MessageStart, AnthropicStreamEvent.MessageStart(start), events, session.Aborted);
        await session.DelayAsync(session.TimeToFirstToken);
        if (session.Malformed)
        {
            await session.Sse.WriteAsync(AnthropicEventTypes.ContentBlockStart, AnthropicStreamEvent.ContentBlockStart(0, AnthropicContentBlock.FromText(string.Empty)), events, session.Aborted);
            await session.Sse.WriteRawAsync(AnthropicEventTypes.ContentBlockDelta, """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel""", session.Aborted);
            return;
        }

        int index = 0;
        if (plan.Pieces.Count > 0)
        {
            await session.Sse.WriteAsync(AnthropicEventTypes.ContentBlockStart, AnthropicStreamEvent.ContentBlockStart(index, AnthropicContentBlock.FromText(string.Empty)), events, session.Aborted);
            await session.Sse.WriteAsync(AnthropicEventTypes.Ping, AnthropicStreamEvent.Ping(), events, session.Aborted);
            bool first = true;
            foreach (OutputPiece piece in plan.Pieces)
            {
                if (await session.InterruptAsync(piece.Tokens, () => session.Sse.WriteRawAsync(AnthropicEventTypes.ContentBlockDelta, "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel", session.Aborted).AsTask()))
                {
                    return;
                }

                if (!first)
                {
                    await session.DelayAsync(call.Model.GenerationTime(piece.Tokens));
                }

                first = false;
                await session.Sse.WriteAsync(AnthropicEventTypes.ContentBlockDelta, AnthropicStreamEvent.TextDelta(index, piece.Text), events, session.Aborted);
                session.Sent(piece.Tokens);
            }

            await session.Sse.WriteAsync(AnthropicEventTypes.ContentBlockStop, AnthropicStreamEvent.ContentBlockStop(index), events, session.Aborted);
            index++;
        }

        if (plan.ToolCall is { } tool)
        {
            session.CheckCut(plan.ToolCallTokens);
            await session.DelayAsync(call.Model.GenerationTime(plan.ToolCallTokens));
            JsonElement empty = JsonDocument.Parse("{}").RootElement;
            await session.Sse.WriteAsync(AnthropicEventTypes.ContentBlockStart, AnthropicStreamEvent.ContentBlockStart(index, AnthropicContentBlock.FromToolUse(ToolUseId(tool.Id), tool.Name, empty)), events, session.Aborted);
            await session.Sse.WriteAsync(AnthropicEventTypes.ContentBlockDelta, AnthropicStreamEvent.InputJsonDelta(index, tool.ArgumentsJson), events, session.Aborted);
            await session.Sse.WriteAsync(AnthropicEventTypes.ContentBlockStop, AnthropicStreamEvent.ContentBlockStop(index), events, session.Aborted);
            session.Sent(plan.ToolCallTokens);
        }

        await session.Sse.WriteAsync(AnthropicEventTypes.MessageDelta, AnthropicStreamEvent.MessageDelta(StopReason(plan.Stop), plan.OutputTokens, call.InputTokens, plan.StopSequence), events, session.Aborted);
        await session.Sse.WriteAsync(AnthropicEventTypes.MessageStop, AnthropicStreamEvent.MessageStop(), events, session.Aborted);
    }

    private static string ToolUseId(string id) => id.StartsWith("call_", StringComparison.Ordinal) ? "toolu_" + id["call_".Length..] : id;

    private static JsonElement ParseArguments(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string StopReason(StopKind stop) => stop switch
    {
        StopKind.MaxTokens => AnthropicStopReasons.MaxTokens,
        StopKind.StopSequence => AnthropicStopReasons.StopSequence,
        StopKind.ToolUse => AnthropicStopReasons.ToolUse,
        StopKind.Refusal => AnthropicStopReasons.Refusal,
        _ => AnthropicStopReasons.EndTurn,
    };
}
