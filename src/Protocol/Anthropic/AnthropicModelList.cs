using System.Text.Json.Serialization;

namespace Cascade.Protocol.Anthropic;

/// <summary>The body of <c>GET /v1/models</c> in the Anthropic shape.</summary>
public sealed class AnthropicModelList
{
    /// <summary>Gets or sets the models.</summary>
    public List<AnthropicModelInfo> Data { get; set; } = [];

    /// <summary>Gets or sets whether more pages exist.</summary>
    public bool HasMore { get; set; }

    /// <summary>Gets or sets the first id of the page.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FirstId { get; set; }

    /// <summary>Gets or sets the last id of the page.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? LastId { get; set; }
}
