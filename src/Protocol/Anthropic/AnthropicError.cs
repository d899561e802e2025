namespace Cascade.Protocol.Anthropic;

/// <summary>The <c>error</c> object of an Anthropic error body or <c>error</c> event.</summary>
public sealed class AnthropicError
{
    /// <summary>Gets or sets the error type; see <see cref="AnthropicErrorTypes"/>.</summary>
    public string Type { get; set; } = AnthropicErrorTypes.ApiError;

    /// <summary>Gets or sets the human-readable message.</summary>
    public string Message { get; set; } = string.Empty;
}
