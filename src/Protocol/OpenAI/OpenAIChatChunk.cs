namespace Cascade.Protocol.OpenAI;

/// <summary>
/// One <c>data:</c> event of a streamed completion (<c>chat.completion.chunk</c>). With
/// <c>stream_options.include_usage</c> a last chunk has empty <see cref="Choices"/> and the <see cref="Usage"/>;
/// the stream ends with <c>data: [DONE]</c>.
/// </summary>
public sealed class OpenAIChatChunk
{
    /// <summary>Gets or sets the completion id, the same in every chunk.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets the object type, always <c>chat.completion.chunk</c>.</summary>
    public string Object { get; set; } = "chat.completion.chunk";

    /// <summary>Gets or sets the creation time in Unix seconds.</summary>
    public long Created { get; set; }

    /// <summary>Gets or sets the model.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the choice deltas.</summary>
    public List<OpenAIChunkChoice> Choices { get; set; } = [];

    /// <summary>Gets or sets the usage of the last chunk.</summary>
    public OpenAIUsage? Usage { get; set; }

    /// <summary>Gets or sets the backend fingerprint.</summary>
    public string? SystemFingerprint { get; set; }
}
