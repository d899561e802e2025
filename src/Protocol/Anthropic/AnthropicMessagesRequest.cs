using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cascade.Protocol.Anthropic;

/// <summary>The body of <c>POST /v1/messages</c> (Anthropic Messages API).</summary>
public sealed class AnthropicMessagesRequest
{
    /// <summary>Gets or sets the model id, e.g. <c>claude-haiku-4-5-20251001</c>.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the maximum number of tokens to generate. Required by the API.</summary>
    public long? MaxTokens { get; set; }

    /// <summary>Gets or sets the conversation turns, alternating <c>user</c> and <c>assistant</c>.</summary>
    public List<AnthropicMessage>? Messages { get; set; }

    /// <summary>Gets or sets the system prompt; the wire accepts a string or an array of text blocks.</summary>
    [JsonConverter(typeof(AnthropicContentListConverter))]
    public List<AnthropicContentBlock>? System { get; set; }

    /// <summary>Gets or sets whether the answer is streamed as server-sent events.</summary>
    public bool? Stream { get; set; }

    /// <summary>Gets or sets the sampling temperature.</summary>
    public double? Temperature { get; set; }

    /// <summary>Gets or sets nucleus sampling.</summary>
    public double? TopP { get; set; }

    /// <summary>Gets or sets top-k sampling.</summary>
    public int? TopK { get; set; }

    /// <summary>Gets or sets the sequences that stop generation.</summary>
    public List<string>? StopSequences { get; set; }

    /// <summary>Gets or sets the tools the model may call.</summary>
    public List<AnthropicTool>? Tools { get; set; }

    /// <summary>Gets or sets how the model chooses tools.</summary>
    public AnthropicToolChoice? ToolChoice { get; set; }

    /// <summary>Gets or sets request metadata (<c>user_id</c>).</summary>
    public JsonElement? Metadata { get; set; }

    /// <summary>Gets or sets the extended-thinking configuration, kept as raw JSON.</summary>
    public JsonElement? Thinking { get; set; }

    /// <summary>Gets or sets the output configuration (<c>{"format": {"type": "json_schema", "schema": {...}}}</c>), kept as raw JSON.</summary>
    public JsonElement? OutputConfig { get; set; }

    /// <summary>Gets or sets the structured-output format of the beta API (<c>{"type": "json_schema", "schema": {...}}</c>), kept as raw JSON.</summary>
    public JsonElement? OutputFormat { get; set; }

    /// <summary>
    /// Checks what the API itself rejects with <c>invalid_request_error</c>: a missing model, <c>max_tokens</c> or
    /// messages, an unknown role, a message without content, a tool without a name.
    /// </summary>
    /// <returns>The first problem found, worded like the API's error message, or <see langword="null"/> when valid.</returns>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Model))
        {
            return "model: Field required";
        }

        if (MaxTokens is null)
        {
            return "max_tokens: Field required";
        }

        if (MaxTokens < 1)
        {
            return "max_tokens: Input should be greater than or equal to 1";
        }

        if (Messages is null)
        {
            return "messages: Field required";
        }

        if (Messages.Count == 0)
        {
            return "messages: at least one message is required";
        }

        for (int i = 0; i < Messages.Count; i++)
        {
            AnthropicMessage message = Messages[i];
            if (message is null)
            {
                return $"messages.{i}: Input should be an object";
            }

            if (message.Role is not (AnthropicRoles.User or AnthropicRoles.Assistant))
            {
                return $"messages.{i}.role: Input should be 'user' or 'assistant'";
            }

            if (message.Content is null)
            {
                return $"messages.{i}.content: Field required";
            }

            for (int j = 0; j < message.Content.Count; j++)
            {
                if (message.Content[j]?.Type is null)
                {
                    return $"messages.{i}.content.{j}.type: Field required";
                }
            }
        }

        if (Temperature is < 0 or > 1)
        {
            return "temperature: Input should be between 0 and 1";
        }

        if (Tools is not null)
        {
            for (int i = 0; i < Tools.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(Tools[i]?.Name))
                {
                    return $"tools.{i}.name: Field required";
                }
            }
        }

        return null;
    }
}
