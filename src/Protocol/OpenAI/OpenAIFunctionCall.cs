namespace Cascade.Protocol.OpenAI;

/// <summary>The function of a tool call: its name and its arguments as a JSON string.</summary>
public sealed class OpenAIFunctionCall
{
    /// <summary>Gets or sets the function name.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the arguments, a JSON object serialized as a string (or a fragment of it in a stream).</summary>
    public string? Arguments { get; set; }
}
