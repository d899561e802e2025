using System.Text.Json;

namespace Cascade.Protocol.Anthropic;

/// <summary>A tool the model may call (client tool with a JSON schema).</summary>
public sealed class AnthropicTool
{
    /// <summary>Gets or sets the tool name.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets what the tool does.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the JSON schema of the tool's input.</summary>
    public JsonElement? InputSchema { get; set; }

    /// <summary>Gets or sets the kind of a server tool (e.g. <c>web_search_20250305</c>); <see langword="null"/> for client tools.</summary>
    public string? Type { get; set; }
}
