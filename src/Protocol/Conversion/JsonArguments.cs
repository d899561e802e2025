using System.Text.Json;

namespace Cascade.Protocol.Conversion;

/// <summary>Turns tool-call arguments into the dictionary <c>FunctionCallContent</c> carries.</summary>
internal static class JsonArguments
{
    // Wire JSON is compact; the MEAI defaults indent.
    private static readonly JsonSerializerOptions s_compact = new(Microsoft.Extensions.AI.AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static Dictionary<string, object?> FromElement(JsonElement? element, string where)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (element is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return arguments;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"{where}: tool arguments must be a JSON object.");
        }

        foreach (JsonProperty property in value.EnumerateObject())
        {
            arguments[property.Name] = property.Value.Clone();
        }

        return arguments;
    }

    public static Dictionary<string, object?> FromString(string? json, string where)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return FromElement(document.RootElement, where);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{where}: tool arguments are not valid JSON ({ex.Message}).", ex);
        }
    }

    public static JsonElement ToElement(IDictionary<string, object?>? arguments) =>
        JsonSerializer.SerializeToElement(arguments ?? new Dictionary<string, object?>(), s_compact);

    public static string ToJsonString(IDictionary<string, object?>? arguments) =>
        JsonSerializer.Serialize(arguments ?? new Dictionary<string, object?>(), s_compact);
}
