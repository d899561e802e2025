namespace Cascade.Protocol.Anthropic;

/// <summary>An Anthropic error body: <c>{"type":"error","error":{"type":...,"message":...},"request_id":...}</c>.</summary>
public sealed class AnthropicErrorResponse
{
    /// <summary>Gets the body type, always <c>error</c>.</summary>
    public string Type { get; set; } = "error";

    /// <summary>Gets or sets the error.</summary>
    public AnthropicError Error { get; set; } = new();

    /// <summary>Gets or sets the request id (<c>req_...</c>), also sent as the <c>request-id</c> header.</summary>
    public string? RequestId { get; set; }

    /// <summary>Creates an error body whose type matches <paramref name="statusCode"/> (see <see cref="AnthropicErrorTypes.ForStatus"/>).</summary>
    public static AnthropicErrorResponse Create(int statusCode, string message, string? requestId = null) =>
        new() { Error = new AnthropicError { Type = AnthropicErrorTypes.ForStatus(statusCode), Message = message }, RequestId = requestId };
}
