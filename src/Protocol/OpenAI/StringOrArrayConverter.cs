using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cascade.Protocol.OpenAI;

/// <summary>Reads a parameter the wire allows as a string or an array of strings (e.g. <c>stop</c>); writes an array.</summary>
public sealed class StringOrArrayConverter : JsonConverter<List<string>>
{
    /// <inheritdoc/>
    public override List<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return [reader.GetString()!];
            case JsonTokenType.StartArray:
                var items = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw new JsonException("Expected an array of strings.");
                    }

                    items.Add(reader.GetString()!);
                }

                return items;
            default:
                throw new JsonException("Expected a string or an array of strings.");
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, List<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (string item in value)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
