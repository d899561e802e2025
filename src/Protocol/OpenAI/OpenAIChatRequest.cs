using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cascade.Protocol.OpenAI;

/// <summary>The body of <c>POST /v1/chat/completions</c> (OpenAI Chat Completions API).</summary>
public sealed class OpenAIChatRequest
{
    /// <summary>Gets or sets the model id.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the conversation.</summary>
    public List<OpenAIChatMessage>? Messages { get; set; }

    /// <summary>Gets or sets the legacy output limit.</summary>
    public long? MaxTokens { get; set; }

    /// <summary>Gets or sets the output limit (preferred over <see cref="MaxTokens"/>).</summary>
    public long? MaxCompletionTokens { get; set; }

    /// <summary>Gets or sets the sampling temperature (0 to 2).</summary>
    public double? Temperature { get; set; }

    /// <summary>Gets or sets nucleus sampling.</summary>
    public double? TopP { get; set; }

    /// <summary>Gets or sets the number of choices; only 1 is commonly supported.</summary>
    public int? N { get; set; }

    /// <summary>Gets or sets whether the answer is streamed as server-sent events.</summary>
    public bool? Stream { get; set; }

    /// <summary>Gets or sets streaming options (<c>include_usage</c>).</summary>
    public OpenAIStreamOptions? StreamOptions { get; set; }

    /// <summary>Gets or sets the stop sequences; the wire accepts a string or an array.</summary>
    [JsonConverter(typeof(StringOrArrayConverter))]
    public List<string>? Stop { get; set; }

    /// <summary>Gets or sets the tools the model may call.</summary>
    public List<OpenAITool>? Tools { get; set; }

    /// <summary>Gets or sets the tool choice (<c>"auto"</c>, <c>"none"</c>, <c>"required"</c> or an object), kept as raw JSON.</summary>
    public JsonElement? ToolChoice { get; set; }

    /// <summary>Gets or sets whether several tool calls may come in one turn.</summary>
    public bool? ParallelToolCalls { get; set; }

    /// <summary>Gets or sets the output format (<c>text</c>, <c>json_object</c>, <c>json_schema</c>).</summary>
    public OpenAIResponseFormat? ResponseFormat { get; set; }

    /// <summary>Gets or sets whether token log-probabilities are returned.</summary>
    public bool? Logprobs { get; set; }

    /// <summary>Gets or sets how many alternatives per token are returned (0 to 20, needs <see cref="Logprobs"/>).</summary>
    public int? TopLogprobs { get; set; }

    /// <summary>Gets or sets the sampling seed.</summary>
    public long? Seed { get; set; }

    /// <summary>Gets or sets the end-user id.</summary>
    public string? User { get; set; }

    /// <summary>Gets or sets the frequency penalty.</summary>
    public double? FrequencyPenalty { get; set; }

    /// <summary>Gets or sets the presence penalty.</summary>
    public double? PresencePenalty { get; set; }

    /// <summary>Gets or sets request metadata, kept as raw JSON.</summary>
    public JsonElement? Metadata { get; set; }

    /// <summary>Gets the effective output limit: <see cref="MaxCompletionTokens"/>, else <see cref="MaxTokens"/>.</summary>
    [JsonIgnore]
    public long? OutputLimit => MaxCompletionTokens ?? MaxTokens;

    /// <summary>Checks what the API itself rejects with <c>invalid_request_error</c>.</summary>
    /// <returns>The first problem found, worded like the API's message, with the offending parameter; or <see langword="null"/> when valid.</returns>
    public (string Message, string? Param)? Validate()
    {
        if (string.IsNullOrWhiteSpace(Model))
        {
            return ("you must provide a model parameter", "model");
        }

        if (Messages is null)
        {
            return ("Missing required parameter: 'messages'.", "messages");
        }

        if (Messages.Count == 0)
        {
            return ("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "messages");
        }

        for (int i = 0; i < Messages.Count; i++)
        {
            OpenAIChatMessage message = Messages[i];
            if (message is null)
            {
                return ($"Invalid type for 'messages[{i}]': expected an object, but got null instead.", $"messages[{i}]");
            }

            if (message.Role is not (OpenAIRoles.System or OpenAIRoles.Developer or OpenAIRoles.User or OpenAIRoles.Assistant or OpenAIRoles.Tool))
            {
                return ($"Invalid value: '{message.Role}'. Supported values are: 'system', 'assistant', 'user', 'tool', and 'developer'.", $"messages[{i}].role");
            }

            if (message.Role == OpenAIRoles.Tool && string.IsNullOrEmpty(message.ToolCallId))
            {
                return ($"Missing parameter 'tool_call_id': messages with role 'tool' must have a 'tool_call_id'.", $"messages[{i}].tool_call_id");
            }

            if (message.Content is null && message.Role != OpenAIRoles.Assistant)
            {
                return ($"Missing required parameter: 'messages[{i}].content'.", $"messages[{i}].content");
            }
        }

        if (OutputLimit is < 1)
        {
            return ("Invalid 'max_tokens': integer below minimum value. Expected a value >= 1.", MaxCompletionTokens is null ? "max_tokens" : "max_completion_tokens");
        }

        if (Temperature is < 0 or > 2)
        {
            return ("Invalid 'temperature': decimal out of range. Expected a value between 0 and 2.", "temperature");
        }

        if (N is not null and not 1)
        {
            return ("Only n=1 is supported.", "n");
        }

        if (TopLogprobs is not null)
        {
            if (TopLogprobs is < 0 or > 20)
            {
                return ("Invalid 'top_logprobs': integer out of range. Expected a value between 0 and 20.", "top_logprobs");
            }

            if (Logprobs != true)
            {
                return ("'top_logprobs' requires 'logprobs' to be true.", "top_logprobs");
            }
        }

        if (ResponseFormat is not null)
        {
            if (ResponseFormat.Type is not (OpenAIResponseFormat.TextType or OpenAIResponseFormat.JsonObjectType or OpenAIResponseFormat.JsonSchemaType))
            {
                return ($"Invalid value: '{ResponseFormat.Type}'. Supported values are: 'text', 'json_object', and 'json_schema'.", "response_format.type");
            }

            if (ResponseFormat.Type == OpenAIResponseFormat.JsonSchemaType && (ResponseFormat.JsonSchema is null || string.IsNullOrWhiteSpace(ResponseFormat.JsonSchema.Name)))
            {
                return ("Missing required parameter: 'response_format.json_schema.name'.", "response_format.json_schema");
            }
        }

        if (Tools is not null)
        {
            for (int i = 0; i < Tools.Count; i++)
            {
                if (Tools[i]?.Function is null || string.IsNullOrWhiteSpace(Tools[i].Function!.Name))
                {
                    return ($"Missing required parameter: 'tools[{i}].function.name'.", $"tools[{i}].function.name");
                }
            }
        }

        return null;
    }
}
