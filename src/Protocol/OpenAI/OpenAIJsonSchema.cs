using System.Text.Json;

namespace Cascade.Protocol.OpenAI;

/// <summary>The schema of a <c>json_schema</c> response format.</summary>
public sealed class OpenAIJsonSchema
{
    /// <summary>Gets or sets the schema name.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets what the schema describes.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the JSON schema.</summary>
    public JsonElement? Schema { get; set; }

    /// <summary>Gets or sets whether the output must follow the schema exactly.</summary>
    public bool? Strict { get; set; }
}
