using System.Text.Json.Serialization;

namespace Cascade.Protocol.OpenAI;

/// <summary>One message of an OpenAI conversation, or the <c>message</c> of a choice.</summary>
public sealed class OpenAIChatMessage
{
    /// <summary>Gets or sets the role; see <see cref="OpenAIRoles"/>.</summary>
    public string? Role { get; set; }

    /// <summary>Gets or sets the content: a string or content parts. Written as <c>null</c> when absent, as the API does.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public OpenAIMessageContent? Content { get; set; }

    /// <summary>Gets or sets the participant name.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the tool calls of an assistant message.</summary>
    public List<OpenAIToolCall>? ToolCalls { get; set; }

    /// <summary>Gets or sets the id of the tool call a <c>tool</c> message answers.</summary>
    public string? ToolCallId { get; set; }

    /// <summary>Gets or sets the refusal text of an assistant message that declined.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Refusal { get; set; }
}
