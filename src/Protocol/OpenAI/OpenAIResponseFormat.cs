namespace Cascade.Protocol.OpenAI;

/// <summary>The requested output format: <c>text</c>, <c>json_object</c> or <c>json_schema</c>.</summary>
public sealed class OpenAIResponseFormat
{
    /// <summary>Plain text.</summary>
    public const string TextType = "text";

    /// <summary>Any JSON object.</summary>
    public const string JsonObjectType = "json_object";

    /// <summary>JSON following <see cref="JsonSchema"/>.</summary>
    public const string JsonSchemaType = "json_schema";

    /// <summary>Gets or sets the format kind.</summary>
    public string? Type { get; set; }

    /// <summary>Gets or sets the schema of a <c>json_schema</c> format.</summary>
    public OpenAIJsonSchema? JsonSchema { get; set; }
}
