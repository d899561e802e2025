using Microsoft.Extensions.AI;

namespace Cascade.Testing;

/// <summary>Builders for the responses tests script.</summary>
public static class ChatResponses
{
    /// <summary>A text answer with usage.</summary>
    public static ChatResponse Text(string text, long inputTokens = 10, long outputTokens = 5, ChatFinishReason? finishReason = null, string? modelId = null) =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            FinishReason = finishReason ?? ChatFinishReason.Stop,
            ModelId = modelId,
            Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens, TotalTokenCount = inputTokens + outputTokens },
        };

    /// <summary>An answer that is a tool call.</summary>
    public static ChatResponse ToolCall(string callId, string name, IDictionary<string, object?>? arguments = null, long inputTokens = 10, long outputTokens = 5) =>
        new(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, name, arguments)]))
        {
            FinishReason = ChatFinishReason.ToolCalls,
            Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens, TotalTokenCount = inputTokens + outputTokens },
        };

    /// <summary>Splits a response into streamed updates: one per word, then one with the usage and finish reason.</summary>
    public static IEnumerable<ChatResponseUpdate> ToWordUpdates(ChatResponse response)
    {
        string responseId = response.ResponseId ?? Guid.NewGuid().ToString("N");
        foreach (ChatMessage message in response.Messages)
        {
            foreach (AIContent content in message.Contents)
            {
                if (content is TextContent text)
                {
                    string[] words = text.Text.Split(' ');
                    for (int i = 0; i < words.Length; i++)
                    {
                        yield return new ChatResponseUpdate(message.Role, i == 0 ? words[i] : " " + words[i]) { ResponseId = responseId, ModelId = response.ModelId };
                    }
                }
                else if (content is not UsageContent)
                {
                    yield return new ChatResponseUpdate(message.Role, [content]) { ResponseId = responseId, ModelId = response.ModelId };
                }
            }
        }

        var last = new ChatResponseUpdate { Role = ChatRole.Assistant, ResponseId = responseId, FinishReason = response.FinishReason, ModelId = response.ModelId };
        if (response.Usage is { } usage)
        {
            last.Contents.Add(new UsageContent(usage));
        }

        yield return last;
    }
}
