using System.Text.Json;

namespace Cascade.Protocol.OpenAI;

/// <summary>A content part of an OpenAI message: <c>text</c>, <c>image_url</c>, <c>input_audio</c>, <c>file</c>, <c>refusal</c>.</summary>
public sealed class OpenAIContentPart
{
    /// <summary>The <c>type</c> of a text part.</summary>
    public const string TextType = "text";

    /// <summary>Gets or sets the part kind.</summary>
    public string? Type { get; set; }

    /// <summary>Gets or sets the text of a <c>text</c> part.</summary>
    public string? Text { get; set; }

    /// <summary>Gets or sets the image of an <c>image_url</c> part, kept as raw JSON.</summary>
    public JsonElement? ImageUrl { get; set; }

    /// <summary>Gets or sets the audio of an <c>input_audio</c> part, kept as raw JSON.</summary>
    public JsonElement? InputAudio { get; set; }

    /// <summary>Gets or sets the file of a <c>file</c> part, kept as raw JSON.</summary>
    public JsonElement? File { get; set; }

    /// <summary>Gets or sets the refusal text of a <c>refusal</c> part.</summary>
    public string? Refusal { get; set; }
}
