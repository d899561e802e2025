using System.Text.Json.Serialization;

namespace Cascade.Protocol.OpenAI;

/// <summary>
/// The content of an OpenAI message, which the wire allows as a plain string or an array of parts
/// (<c>text</c>, <c>image_url</c>, ...). Exactly one of <see cref="Text"/> and <see cref="Parts"/> is set.
/// </summary>
[JsonConverter(typeof(OpenAIMessageContentConverter))]
public sealed class OpenAIMessageContent
{
    /// <summary>Initializes string content.</summary>
    public OpenAIMessageContent(string text) => Text = text ?? throw new ArgumentNullException(nameof(text));

    /// <summary>Initializes content made of parts.</summary>
    public OpenAIMessageContent(List<OpenAIContentPart> parts) => Parts = parts ?? throw new ArgumentNullException(nameof(parts));

    /// <summary>Gets the content when sent as a string.</summary>
    public string? Text { get; }

    /// <summary>Gets the content when sent as parts.</summary>
    public List<OpenAIContentPart>? Parts { get; }

    /// <summary>Converts a string to string content.</summary>
    public static implicit operator OpenAIMessageContent(string text) => new(text);

    /// <summary>Gets the text: the string, or the <c>text</c> parts joined by newlines.</summary>
    public string GetText()
    {
        if (Text is not null)
        {
            return Text;
        }

        return string.Join('\n', Parts!.Where(p => p.Type == OpenAIContentPart.TextType && p.Text is not null).Select(p => p.Text));
    }

    /// <inheritdoc/>
    public override string ToString() => GetText();
}
