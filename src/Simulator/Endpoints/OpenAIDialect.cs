using System.Text;
using System.Text.Json;
using Cascade.Protocol;
using Cascade.Protocol.OpenAI;
using Cascade.Protocol.Sse;
using Cascade.Simulator.Generation;

namespace Cascade.Simulator.Endpoints;

/// <summary>The OpenAI Chat Completions wire format: error bodies, the completion object and the chunk stream.</summary>
internal sealed class OpenAIDialect : IApiDialect
{
    public static OpenAIDialect Instance { get; } = new();

    public string Name => "openai";

    public Task WriteErrorAsync(HttpContext context, int status, string message, string? code = null, string? param = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, OpenAIErrorResponse.Create(status, message, code, param), ProtocolJsonContext.Wire.OpenAIErrorResponse);
    }

    public byte[] SerializeResponse(SimulatedCall call, OutputPlan plan)
    {
        var message = new OpenAIChatMessage { Role = OpenAIRoles.Assistant };
        if (plan.Stop == StopKind.Refusal)
        {
            message.Refusal = plan.Text;
        }
        else if (plan.Text.Length > 0 || plan.ToolCall is null)
        {
            message.Content = plan.Text;
        }

        if (plan.ToolCall is { } tool)
        {
            message.ToolCalls = [new OpenAIToolCall { Id = tool.Id, Function = new OpenAIFunctionCall { Name = tool.Name, Arguments = tool.ArgumentsJson } }];
        }

        var completion = new OpenAIChatCompletion
        {
            Id = "chatcmpl-" + call.ResponseId,
            Created = call.Created,
            Model = call.RequestedModel,
            SystemFingerprint = "fp_cascade_sim",
            Choices =
            [
                new OpenAIChatChoice
                {
                    Message = message,
                    FinishReason = FinishReason(plan.Stop),
                    Logprobs = call.Logprobs ? Logprobs(plan.Pieces, plan, call.TopLogprobs, plan.Stop == StopKind.Refusal) : null,
                },
            ],
            Usage = OpenAIUsage.Create(call.InputTokens, plan.OutputTokens),
        };
        return JsonSerializer.SerializeToUtf8Bytes(completion, ProtocolJsonContext.Wire.OpenAIChatCompletion);
    }

    public async Task StreamAsync(StreamSession session, SimulatedCall call, OutputPlan plan)
    {
        var chunks = ProtocolJsonContext.Wire.OpenAIChatChunk;
        await session.DelayAsync(session.TimeToFirstToken);
        if (session.Malformed)
        {
            await session.Sse.WriteRawAsync(null, "{\"id\":\"chatcmpl-" + call.ResponseId + "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel", session.Aborted);
            return;
        }

        bool refusal = plan.Stop == StopKind.Refusal;
        await session.Sse.WriteAsync(null, Chunk(call, new OpenAIChatDelta { Role = OpenAIRoles.Assistant, Content = refusal ? null : string.Empty }), chunks, session.Aborted);
        bool first = true;
        foreach (OutputPiece piece in plan.Pieces)
        {
            if (await session.InterruptAsync(piece.Tokens, () => session.Sse.WriteRawAsync(null, "{\"id\":\"chatcmpl-" + call.ResponseId + "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel", session.Aborted).AsTask()))
            {
                return;
            }

            if (!first)
            {
                await session.DelayAsync(call.Model.GenerationTime(piece.Tokens));
            }

            first = false;
            OpenAIChatChunk chunk = Chunk(call, refusal ? new OpenAIChatDelta { Refusal = piece.Text } : new OpenAIChatDelta { Content = piece.Text });
            if (call.Logprobs)
            {
                chunk.Choices[0].Logprobs = Logprobs([piece], plan, call.TopLogprobs, refusal);
            }

            await session.Sse.WriteAsync(null, chunk, chunks, session.Aborted);
            session.Sent(piece.Tokens);
        }

        if (plan.ToolCall is { } tool)
        {
            session.CheckCut(plan.ToolCallTokens);
            await session.DelayAsync(call.Model.GenerationTime(plan.ToolCallTokens));
            await session.Sse.WriteAsync(null, Chunk(call, new OpenAIChatDelta { ToolCalls = [new OpenAIToolCallDelta { Index = 0, Id = tool.Id, Type = "function", Function = new OpenAIFunctionCall { Name = tool.Name, Arguments = string.Empty } }] }), chunks, session.Aborted);
            await session.Sse.WriteAsync(null, Chunk(call, new OpenAIChatDelta { ToolCalls = [new OpenAIToolCallDelta { Index = 0, Function = new OpenAIFunctionCall { Arguments = tool.ArgumentsJson } }] }), chunks, session.Aborted);
            session.Sent(plan.ToolCallTokens);
        }

        OpenAIChatChunk last = Chunk(call, new OpenAIChatDelta());
        last.Choices[0].FinishReason = FinishReason(plan.Stop);
        await session.Sse.WriteAsync(null, last, chunks, session.Aborted);
        if (call.IncludeUsage)
        {
            var usage = new OpenAIChatChunk { Id = "chatcmpl-" + call.ResponseId, Created = call.Created, Model = call.RequestedModel, SystemFingerprint = "fp_cascade_sim", Usage = OpenAIUsage.Create(call.InputTokens, plan.OutputTokens) };
            await session.Sse.WriteAsync(null, usage, chunks, session.Aborted);
        }

        await session.Sse.WriteRawAsync(null, SseWriter.DoneMarker, session.Aborted);
    }

    private static OpenAIChatChunk Chunk(SimulatedCall call, OpenAIChatDelta delta) => new()
    {
        Id = "chatcmpl-" + call.ResponseId,
        Created = call.Created,
        Model = call.RequestedModel,
        SystemFingerprint = "fp_cascade_sim",
        Choices = [new OpenAIChunkChoice { Delta = delta }],
    };

    private static OpenAILogprobs Logprobs(IReadOnlyList<OutputPiece> pieces, OutputPlan plan, int top, bool refusal)
    {
        var entries = new List<OpenAITokenLogprob>(pieces.Count);
        for (int i = 0; i < pieces.Count; i++)
        {
            OutputPiece piece = pieces[i];
            var entry = new OpenAITokenLogprob { Token = piece.Text, Logprob = Math.Round(piece.Logprob, 6), Bytes = Bytes(piece.Text) };
            if (top > 0)
            {
                entry.TopLogprobs.Add(new OpenAITopLogprob { Token = piece.Text, Logprob = entry.Logprob, Bytes = entry.Bytes });
                for (int k = 1; k < top; k++)
                {
                    string alternative = k - 1 < plan.Alternatives.Count ? plan.Alternatives[k - 1] : " " + new string('…', k);
                    entry.TopLogprobs.Add(new OpenAITopLogprob { Token = alternative, Logprob = Math.Round(Math.Min(entry.Logprob, 0) - (1.5 * k), 6), Bytes = Bytes(alternative) });
                }
            }

            entries.Add(entry);
        }

        return refusal ? new OpenAILogprobs { Refusal = entries } : new OpenAILogprobs { Content = entries };
    }

    private static List<int> Bytes(string text) => [.. Encoding.UTF8.GetBytes(text).Select(b => (int)b)];

    private static string FinishReason(StopKind stop) => stop switch
    {
        StopKind.MaxTokens => OpenAIFinishReasons.Length,
        StopKind.ToolUse => OpenAIFinishReasons.ToolCalls,
        _ => OpenAIFinishReasons.Stop,
    };
}
