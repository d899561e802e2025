using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cascade.Protocol.OpenAI;

/// <summary>Reads and writes <see cref="OpenAIMessageContent"/> as a string or an array of parts.</summary>
public sealed class OpenAIMessageContentConverter : JsonConverter<OpenAIMessageContent>
{
    /// <inheritdoc/>
    public override OpenAIMessageContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => new OpenAIMessageContent(reader.GetString()!),
        JsonTokenType.StartArray => new OpenAIMessageContent(JsonSerializer.Deserialize(ref reader, ProtocolJsonContext.Default.ListOpenAIContentPart) ?? []),
        _ => throw new JsonException("Message content must be a string or an array of content parts."),
    };

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, OpenAIMessageContent value, JsonSerializerOptions options)
    {
        if (value.Text is not null)
        {
            writer.WriteStringValue(value.Text);
        }
        else
        {
            JsonSerializer.Serialize(writer, value.Parts!, ProtocolJsonContext.Default.ListOpenAIContentPart);
        }
    }
}
