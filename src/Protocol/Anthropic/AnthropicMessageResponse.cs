using System.Text.Json.Serialization;

namespace Cascade.Protocol.Anthropic;

/// <summary>The answer of <c>POST /v1/messages</c>, and the <c>message</c> of a <c>message_start</c> event.</summary>
public sealed class AnthropicMessageResponse
{
    /// <summary>Gets or sets the message id (<c>msg_...</c>).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets the object type, always <c>message</c>.</summary>
    public string Type { get; set; } = "message";

    /// <summary>Gets the role, always <c>assistant</c>.</summary>
    public string Role { get; set; } = AnthropicRoles.Assistant;

    /// <summary>Gets or sets the model that answered.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the content blocks (empty in <c>message_start</c>).</summary>
    public List<AnthropicContentBlock> Content { get; set; } = [];

    /// <summary>Gets or sets why generation stopped; see <see cref="AnthropicStopReasons"/>. <see langword="null"/> in <c>message_start</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? StopReason { get; set; }

    /// <summary>Gets or sets the stop sequence that matched, if any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? StopSequence { get; set; }

    /// <summary>Gets or sets the usage.</summary>
    public AnthropicUsage Usage { get; set; } = new();
}
