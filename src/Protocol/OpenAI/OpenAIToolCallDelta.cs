namespace Cascade.Protocol.OpenAI;

/// <summary>A fragment of a streamed tool call: the first carries id, type and name; later ones argument text.</summary>
public sealed class OpenAIToolCallDelta
{
    /// <summary>Gets or sets which tool call of the turn this fragment extends.</summary>
    public int Index { get; set; }

    /// <summary>Gets or sets the call id (first fragment).</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the call kind (first fragment).</summary>
    public string? Type { get; set; }

    /// <summary>Gets or sets the function name and an arguments fragment.</summary>
    public OpenAIFunctionCall? Function { get; set; }
}
