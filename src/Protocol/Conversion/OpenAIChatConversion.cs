using System.Text.Json;
using Cascade.Protocol.OpenAI;
using Microsoft.Extensions.AI;

namespace Cascade.Protocol.Conversion;

/// <summary>Converts an OpenAI Chat Completions request into Microsoft.Extensions.AI messages and options.</summary>
public static class OpenAIChatConversion
{
    private static readonly JsonElement s_emptySchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement;

    /// <summary>
    /// Maps the request: system and developer messages stay system messages; assistant tool calls and tool results
    /// become function contents; tools, tool choice, <c>response_format</c>, seed and sampling become options.
    /// </summary>
    /// <exception cref="ArgumentException">A tool call's arguments are not a JSON object.</exception>
    public static (List<ChatMessage> Messages, ChatOptions Options) ToChat(OpenAIChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messages = new List<ChatMessage>(request.Messages?.Count ?? 0);
        if (request.Messages is not null)
        {
            for (int i = 0; i < request.Messages.Count; i++)
            {
                messages.Add(ToMessage(request.Messages[i], i));
            }
        }

        long? limit = request.OutputLimit;
        var options = new ChatOptions
        {
            ModelId = request.Model,
            MaxOutputTokens = limit is { } max ? (int)Math.Min(max, int.MaxValue) : null,
            Temperature = (float?)request.Temperature,
            TopP = (float?)request.TopP,
            FrequencyPenalty = (float?)request.FrequencyPenalty,
            PresencePenalty = (float?)request.PresencePenalty,
            Seed = request.Seed,
            StopSequences = request.Stop,
            AllowMultipleToolCalls = request.ParallelToolCalls,
            ResponseFormat = request.ResponseFormat?.Type switch
            {
                OpenAIResponseFormat.JsonObjectType => ChatResponseFormat.Json,
                OpenAIResponseFormat.JsonSchemaType => ChatResponseFormat.ForJsonSchema(
                    request.ResponseFormat.JsonSchema?.Schema ?? s_emptySchema,
                    request.ResponseFormat.JsonSchema?.Name,
                    request.ResponseFormat.JsonSchema?.Description),
                OpenAIResponseFormat.TextType => ChatResponseFormat.Text,
                _ => null,
            },
        };

        if (request.Tools is { Count: > 0 } tools)
        {
            options.Tools = [.. tools.Where(t => t.Function?.Name is not null).Select(t => (AITool)AIFunctionFactory.CreateDeclaration(t.Function!.Name!, t.Function.Description, t.Function.Parameters ?? s_emptySchema))];
        }

        options.ToolMode = request.ToolChoice switch
        {
            { ValueKind: JsonValueKind.String } choice => choice.GetString() switch
            {
                "none" => ChatToolMode.None,
                "required" => ChatToolMode.RequireAny,
                "auto" => ChatToolMode.Auto,
                _ => null,
            },
            { ValueKind: JsonValueKind.Object } choice when choice.TryGetProperty("function", out JsonElement function)
                && function.TryGetProperty("name", out JsonElement name) && name.GetString() is { } toolName => ChatToolMode.RequireSpecific(toolName),
            _ => null,
        };

        return (messages, options);
    }

    private static ChatMessage ToMessage(OpenAIChatMessage message, int index)
    {
        var contents = new List<AIContent>();
        switch (message.Role)
        {
            case OpenAIRoles.Tool:
                contents.Add(new FunctionResultContent(message.ToolCallId ?? string.Empty, message.Content?.GetText()));
                return new ChatMessage(ChatRole.Tool, contents);
            case OpenAIRoles.Assistant:
                if (message.Content?.GetText() is { Length: > 0 } text)
                {
                    contents.Add(new TextContent(text));
                }

                foreach (OpenAIToolCall call in message.ToolCalls ?? [])
                {
                    contents.Add(new FunctionCallContent(call.Id ?? string.Empty, call.Function?.Name ?? string.Empty,
                        JsonArguments.FromString(call.Function?.Arguments, $"messages[{index}].tool_calls.function.arguments")));
                }

                return new ChatMessage(ChatRole.Assistant, contents) { AuthorName = message.Name };
            default:
                if (message.Content?.Parts is { } parts)
                {
                    foreach (OpenAIContentPart part in parts)
                    {
                        if (part.Type == OpenAIContentPart.TextType)
                        {
                            contents.Add(new TextContent(part.Text ?? string.Empty));
                        }
                        else if (part.ImageUrl is { ValueKind: JsonValueKind.Object } image && image.TryGetProperty("url", out JsonElement url) && url.GetString() is { } uri)
                        {
                            contents.Add(new UriContent(uri, "image/*"));
                        }
                    }
                }
                else if (message.Content?.Text is { } plain)
                {
                    contents.Add(new TextContent(plain));
                }

                ChatRole role = message.Role is OpenAIRoles.System or OpenAIRoles.Developer ? ChatRole.System : ChatRole.User;
                return new ChatMessage(role, contents) { AuthorName = message.Name };
        }
    }
}
