using Cascade.Protocol.Anthropic;
using Microsoft.Extensions.AI;

namespace Cascade.Protocol.Conversion;

/// <summary>Converts a Microsoft.Extensions.AI answer into the Anthropic Messages response shape.</summary>
public static class AnthropicResponseConversion
{
    /// <summary>
    /// Builds the message object: text, tool calls (as <c>tool_use</c> blocks) and reasoning (as <c>thinking</c>) in
    /// order, the stop reason from <see cref="ChatResponse.FinishReason"/>, and the usage.
    /// </summary>
    public static AnthropicMessageResponse ToMessageResponse(ChatResponse response, string model, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var content = new List<AnthropicContentBlock>();
        bool toolCalls = false;
        foreach (ChatMessage message in response.Messages)
        {
            foreach (AIContent item in message.Contents)
            {
                switch (item)
                {
                    case TextContent { Text.Length: > 0 } text:
                        content.Add(AnthropicContentBlock.FromText(text.Text));
                        break;
                    case FunctionCallContent call:
                        toolCalls = true;
                        content.Add(AnthropicContentBlock.FromToolUse(call.CallId, call.Name, JsonArguments.ToElement(call.Arguments)));
                        break;
                    case TextReasoningContent { Text.Length: > 0 } reasoning:
                        content.Add(new AnthropicContentBlock { Type = AnthropicContentTypes.Thinking, Thinking = reasoning.Text, Signature = string.Empty });
                        break;
                }
            }
        }

        return new AnthropicMessageResponse
        {
            Id = id ?? response.ResponseId ?? "msg_" + Guid.NewGuid().ToString("N"),
            Model = model,
            Content = content,
            StopReason = ToStopReason(response.FinishReason, toolCalls),
            Usage = ToUsage(response.Usage),
        };
    }

    /// <summary>Maps a finish reason to an Anthropic <c>stop_reason</c>.</summary>
    public static string ToStopReason(ChatFinishReason? reason, bool hasToolCalls = false)
    {
        if (reason == ChatFinishReason.Length)
        {
            return AnthropicStopReasons.MaxTokens;
        }

        if (reason == ChatFinishReason.ToolCalls || (reason is null && hasToolCalls))
        {
            return AnthropicStopReasons.ToolUse;
        }

        return reason == ChatFinishReason.ContentFilter ? AnthropicStopReasons.Refusal : AnthropicStopReasons.EndTurn;
    }

    /// <summary>Maps usage; missing counts are 0.</summary>
    public static AnthropicUsage ToUsage(UsageDetails? usage) => new()
    {
        InputTokens = usage?.InputTokenCount ?? 0,
        OutputTokens = usage?.OutputTokenCount ?? 0,
        CacheReadInputTokens = usage?.CachedInputTokenCount,
    };
}
