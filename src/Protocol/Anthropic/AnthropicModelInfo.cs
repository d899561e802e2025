using System.Text.Json.Serialization;

namespace Cascade.Protocol.Anthropic;

/// <summary>An entry of <c>GET /v1/models</c> in the Anthropic shape.</summary>
public sealed class AnthropicModelInfo
{
    /// <summary>Gets the object type, always <c>model</c>.</summary>
    public string Type { get; set; } = "model";

    /// <summary>Gets or sets the model id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the display name.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Gets or sets the release time (RFC 3339).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
