using System.Text.Json;

namespace Cascade.Protocol.OpenAI;

/// <summary>A function the model may call.</summary>
public sealed class OpenAIFunctionDefinition
{
    /// <summary>Gets or sets the function name.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets what the function does.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the JSON schema of the arguments.</summary>
    public JsonElement? Parameters { get; set; }

    /// <summary>Gets or sets whether the arguments must follow the schema exactly.</summary>
    public bool? Strict { get; set; }
}
