using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cascade.Protocol.Anthropic;

/// <summary>
/// Reads Anthropic content that the wire allows as either a plain string or an array of blocks, and always writes
/// the array form.
/// </summary>
public sealed class AnthropicContentListConverter : JsonConverter<List<AnthropicContentBlock>>
{
    /// <inheritdoc/>
    public override List<AnthropicContentBlock>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return [AnthropicContentBlock.FromText(reader.GetString()!)];
            case JsonTokenType.StartArray:
                var blocks = new List<AnthropicContentBlock>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new JsonException("Content blocks must be objects with a \"type\".");
                    }

                    blocks.Add(JsonSerializer.Deserialize(ref reader, ProtocolJsonContext.Default.AnthropicContentBlock)!);
                }

                return blocks;
            default:
                throw new JsonException("Content must be a string or an array of content blocks.");
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, List<AnthropicContentBlock> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (AnthropicContentBlock block in value)
        {
            JsonSerializer.Serialize(writer, block, ProtocolJsonContext.Default.AnthropicContentBlock);
        }

        writer.WriteEndArray();
    }
}
