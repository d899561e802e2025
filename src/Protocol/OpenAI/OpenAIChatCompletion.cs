using System.Text.Json.Serialization;

namespace Cascade.Protocol.OpenAI;

/// <summary>The answer of a non-streamed <c>POST /v1/chat/completions</c>.</summary>
public sealed class OpenAIChatCompletion
{
    /// <summary>Gets or sets the completion id (<c>chatcmpl-...</c>).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets the object type, always <c>chat.completion</c>.</summary>
    public string Object { get; set; } = "chat.completion";

    /// <summary>Gets or sets the creation time in Unix seconds.</summary>
    public long Created { get; set; }

    /// <summary>Gets or sets the model that answered.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the choices (one).</summary>
    public List<OpenAIChatChoice> Choices { get; set; } = [];

    /// <summary>Gets or sets the usage.</summary>
    public OpenAIUsage? Usage { get; set; }

    /// <summary>Gets or sets the backend fingerprint.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? SystemFingerprint { get; set; }
}
