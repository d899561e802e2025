namespace Cascade.Protocol.OpenAI;

/// <summary>Options of a streamed completion.</summary>
public sealed class OpenAIStreamOptions
{
    /// <summary>Gets or sets whether a last chunk with empty <c>choices</c> carries the usage.</summary>
    public bool? IncludeUsage { get; set; }
}
