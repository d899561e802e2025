using System.Text.Json.Serialization;

namespace Cascade.Protocol.OpenAI;

/// <summary>The <c>error</c> object of an OpenAI error body.</summary>
public sealed class OpenAIError
{
    /// <summary>Gets or sets the human-readable message.</summary>
    public string Message { get; set; } = string.Empty;

    /// <summary>Gets or sets the error type; see <see cref="OpenAIErrorTypes"/>.</summary>
    public string Type { get; set; } = OpenAIErrorTypes.Server;

    /// <summary>Gets or sets the offending parameter.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Param { get; set; }

    /// <summary>Gets or sets a machine-readable code (<c>invalid_api_key</c>, <c>model_not_found</c>, <c>context_length_exceeded</c>, <c>rate_limit_exceeded</c>...).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Code { get; set; }
}
