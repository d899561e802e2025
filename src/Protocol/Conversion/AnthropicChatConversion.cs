using System.Text.Json;
using Cascade.Protocol.Anthropic;
using Microsoft.Extensions.AI;

namespace Cascade.Protocol.Conversion;

/// <summary>Converts an Anthropic Messages request into Microsoft.Extensions.AI messages and options.</summary>
public static class AnthropicChatConversion
{
    private static readonly JsonElement s_emptySchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement;

    /// <summary>
    /// Maps the request: system blocks become <see cref="ChatOptions.Instructions"/>; text, <c>tool_use</c>,
    /// <c>tool_result</c> and base64 images become contents; tools become function declarations.
    /// </summary>
    /// <exception cref="ArgumentException">A tool call carries arguments that are not a JSON object.</exception>
    public static (List<ChatMessage> Messages, ChatOptions Options) ToChat(AnthropicMessagesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messages = new List<ChatMessage>(request.Messages?.Count ?? 0);
        if (request.Messages is not null)
        {
            for (int i = 0; i < request.Messages.Count; i++)
            {
                AnthropicMessage message = request.Messages[i];
                var contents = new List<AIContent>(message.Content?.Count ?? 0);
                foreach (AnthropicContentBlock block in message.Content ?? [])
                {
                    if (ToContent(block, i) is { } content)
                    {
                        contents.Add(content);
                    }
                }

                messages.Add(new ChatMessage(message.Role == AnthropicRoles.Assistant ? ChatRole.Assistant : ChatRole.User, contents));
            }
        }

        var options = new ChatOptions
        {
            ModelId = request.Model,
            MaxOutputTokens = request.MaxTokens is { } max ? (int)Math.Min(max, int.MaxValue) : null,
            Temperature = (float?)request.Temperature,
            TopP = (float?)request.TopP,
            TopK = request.TopK,
            StopSequences = request.StopSequences,
        };

        // Structured output: output_config.format (current API) or output_format (the beta).
        JsonElement? format = request.OutputConfig is { ValueKind: JsonValueKind.Object } config && config.TryGetProperty("format", out JsonElement inner)
            ? inner
            : request.OutputFormat;
        if (format is { ValueKind: JsonValueKind.Object } f
            && f.TryGetProperty("type", out JsonElement type) && type.ValueEquals("json_schema")
            && f.TryGetProperty("schema", out JsonElement schema) && schema.ValueKind == JsonValueKind.Object)
        {
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.Clone());
        }

        if (request.System is { Count: > 0 } system)
        {
            options.Instructions = AnthropicContentBlock.JoinText(system);
        }

        if (request.Tools is { Count: > 0 } tools)
        {
            options.Tools = [.. tools.Where(t => t.Name is not null).Select(t => (AITool)AIFunctionFactory.CreateDeclaration(t.Name!, t.Description, t.InputSchema ?? s_emptySchema))];
        }

        options.ToolMode = request.ToolChoice?.Type switch
        {
            "any" => ChatToolMode.RequireAny,
            "tool" when request.ToolChoice.Name is { } name => ChatToolMode.RequireSpecific(name),
            "none" => ChatToolMode.None,
            "auto" => ChatToolMode.Auto,
            _ => null,
        };

        return (messages, options);
    }

    private static AIContent? ToContent(AnthropicContentBlock block, int index) => block.Type switch
    {
        AnthropicContentTypes.Text => new TextContent(block.Text ?? string.Empty),
        AnthropicContentTypes.ToolUse => new FunctionCallContent(block.Id ?? string.Empty, block.Name ?? string.Empty, JsonArguments.FromElement(block.Input, $"messages.{index}.content.tool_use.input")),
        AnthropicContentTypes.ToolResult => new FunctionResultContent(block.ToolUseId ?? string.Empty, AnthropicContentBlock.JoinText(block.ResultContent)),
        AnthropicContentTypes.Thinking => new TextReasoningContent(block.Thinking),
        AnthropicContentTypes.Image when block.Source is { ValueKind: JsonValueKind.Object } source
            && source.TryGetProperty("data", out JsonElement data) && source.TryGetProperty("media_type", out JsonElement mediaType) =>
            new DataContent(Convert.FromBase64String(data.GetString() ?? string.Empty), mediaType.GetString() ?? "application/octet-stream"),
        _ => null,
    };
}
