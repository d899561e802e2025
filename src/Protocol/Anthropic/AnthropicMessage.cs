using System.Text.Json.Serialization;

namespace Cascade.Protocol.Anthropic;

/// <summary>One turn of an Anthropic conversation.</summary>
public sealed class AnthropicMessage
{
    /// <summary>Gets or sets the role: <c>user</c> or <c>assistant</c>.</summary>
    public string? Role { get; set; }

    /// <summary>Gets or sets the content blocks; the wire accepts a plain string, read as one text block.</summary>
    [JsonConverter(typeof(AnthropicContentListConverter))]
    public List<AnthropicContentBlock>? Content { get; set; }
}
