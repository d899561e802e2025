using Cascade.Protocol.OpenAI;
using Microsoft.Extensions.AI;

namespace Cascade.Protocol.Conversion;

/// <summary>Converts a Microsoft.Extensions.AI answer into the OpenAI Chat Completions response shape.</summary>
public static class OpenAIResponseConversion
{
    /// <summary>Builds the completion: one choice with the text (or <c>null</c>), tool calls, finish reason and usage.</summary>
    public static OpenAIChatCompletion ToChatCompletion(ChatResponse response, string model, long created, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var message = new OpenAIChatMessage { Role = OpenAIRoles.Assistant };
        string text = response.Text;
        if (text.Length > 0)
        {
            message.Content = text;
        }

        List<OpenAIToolCall> calls = [.. response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .Select(c => new OpenAIToolCall { Id = c.CallId, Function = new OpenAIFunctionCall { Name = c.Name, Arguments = JsonArguments.ToJsonString(c.Arguments) } })];
        if (calls.Count > 0)
        {
            message.ToolCalls = calls;
        }
        else
        {
            message.Content ??= string.Empty;
        }

        return new OpenAIChatCompletion
        {
            Id = id ?? response.ResponseId ?? "chatcmpl-" + Guid.NewGuid().ToString("N"),
            Created = created,
            Model = model,
            Choices = [new OpenAIChatChoice { Message = message, FinishReason = ToFinishReason(response.FinishReason, calls.Count > 0) }],
            Usage = ToUsage(response.Usage),
        };
    }

    /// <summary>Maps a finish reason to an OpenAI <c>finish_reason</c>.</summary>
    public static string ToFinishReason(ChatFinishReason? reason, bool hasToolCalls = false)
    {
        if (reason == ChatFinishReason.Length)
        {
            return OpenAIFinishReasons.Length;
        }

        if (reason == ChatFinishReason.ToolCalls || (reason is null && hasToolCalls))
        {
            return OpenAIFinishReasons.ToolCalls;
        }

        return reason == ChatFinishReason.ContentFilter ? OpenAIFinishReasons.ContentFilter : OpenAIFinishReasons.Stop;
    }

    /// <summary>Maps usage; missing counts are 0.</summary>
    public static OpenAIUsage ToUsage(UsageDetails? usage)
    {
        OpenAIUsage result = OpenAIUsage.Create(usage?.InputTokenCount ?? 0, usage?.OutputTokenCount ?? 0);
        if (usage?.CachedInputTokenCount is { } cached)
        {
            result.PromptTokensDetails = new OpenAIPromptTokensDetails { CachedTokens = cached };
        }

        if (usage?.ReasoningTokenCount is { } reasoning)
        {
            result.CompletionTokensDetails = new OpenAICompletionTokensDetails { ReasoningTokens = reasoning };
        }

        return result;
    }
}
