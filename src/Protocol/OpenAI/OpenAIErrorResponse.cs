namespace Cascade.Protocol.OpenAI;

/// <summary>An OpenAI error body: <c>{"error":{"message":...,"type":...,"param":...,"code":...}}</c>.</summary>
public sealed class OpenAIErrorResponse
{
    /// <summary>Gets or sets the error.</summary>
    public OpenAIError Error { get; set; } = new();

    /// <summary>Creates an error body whose type matches <paramref name="statusCode"/> (see <see cref="OpenAIErrorTypes.ForStatus"/>).</summary>
    public static OpenAIErrorResponse Create(int statusCode, string message, string? code = null, string? param = null) =>
        new() { Error = new OpenAIError { Message = message, Type = OpenAIErrorTypes.ForStatus(statusCode), Code = code, Param = param } };
}
