using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cascade.Simulator.Answers;

/// <summary>
/// Shapes an answer as JSON when <c>response_format</c> asks for it: <c>{"answer":...}</c> for <c>json_object</c>, and
/// an object that follows the schema for <c>json_schema</c>. Judge-style schemas (integer scores with bounds, an
/// escalation flag) get scores that reflect the hedging of the answer being judged.
/// </summary>
internal static class JsonAnswerFormatter
{
    private static readonly string[] s_scoreNames = ["score", "overall", "accuracy", "completeness", "clarity", "rating", "relevance", "quality"];

    /// <summary>
    /// The legacy judge rule: a judge-style request carries the answer under review, and doubt in it is what a judge
    /// marks down. A judge that is itself confidently wrong gets the verdict backwards, as weak judges do.
    /// </summary>
    public static bool LegacyVerdict(SimulatedAnswer answer, AnswerContext context)
    {
        bool good = Hedges.Count(context.Question) == 0 && !context.Question.Contains("UNSURE", StringComparison.Ordinal);
        return answer.Quality == AnswerQuality.ConfidentlyWrong ? !good : good;
    }

    /// <summary>Shapes the answer as JSON; <paramref name="good"/> is the verdict judge-style fields report.</summary>
    public static SimulatedAnswer Format(SimulatedAnswer answer, ChatResponseFormatJson format, AnswerContext context, bool good)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (format.Schema is { ValueKind: JsonValueKind.Object } schema)
            {
                WriteValue(writer, schema, "answer", answer, good, context, 0);
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteString("answer", StripPrefix(answer.Text));
                writer.WriteNumber("confidence", Math.Round(Math.Exp(answer.Logprob), 2));
                writer.WriteEndObject();
            }
        }

        return answer with { Text = Encoding.UTF8.GetString(buffer.WrittenSpan) };
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement schema, string name, SimulatedAnswer answer, bool good, AnswerContext context, int depth)
    {
        if (schema.TryGetProperty("enum", out JsonElement values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            (good ? values[0] : values[values.GetArrayLength() - 1]).WriteTo(writer);
            return;
        }

        string type = schema.TryGetProperty("type", out JsonElement t) ? t.ValueKind switch
        {
            JsonValueKind.String => t.GetString() ?? "string",
            JsonValueKind.Array => t.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x is not null and not "null") ?? "string",
            _ => "string",
        } : schema.TryGetProperty("properties", out _) ? "object" : "string";

        string lower = name.ToLowerInvariant();
        switch (type)
        {
            case "object":
                writer.WriteStartObject();
                if (depth < 6 && schema.TryGetProperty("properties", out JsonElement properties) && properties.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty property in properties.EnumerateObject())
                    {
                        writer.WritePropertyName(property.Name);
                        WriteValue(writer, property.Value, property.Name, answer, good, context, depth + 1);
                    }
                }

                writer.WriteEndObject();
                break;
            case "array":
                writer.WriteStartArray();
                if (depth < 6 && schema.TryGetProperty("items", out JsonElement items) && items.ValueKind == JsonValueKind.Object)
                {
                    WriteValue(writer, items, name, answer, good, context, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case "integer":
            case "number":
                // Clients in strict mode drop minimum/maximum; score-like names then get the usual 1-5 scale.
                bool scoreLike = type == "integer" || s_scoreNames.Any(lower.Contains);
                double min = schema.TryGetProperty("minimum", out JsonElement mn) && mn.TryGetDouble(out double a) ? a : (scoreLike ? 1 : 0);
                double max = schema.TryGetProperty("maximum", out JsonElement mx) && mx.TryGetDouble(out double b) ? b : (scoreLike ? 5 : 1);
                double share = good ? 0.8 + (0.2 * context.Hash.Unit(40 + name.Length)) : 0.1 + (0.3 * context.Hash.Unit(40 + name.Length));
                double value = min + ((max - min) * share);
                if (type == "integer")
                {
                    writer.WriteNumberValue((long)Math.Round(value));
                }
                else
                {
                    writer.WriteNumberValue(Math.Round(value, 2));
                }

                break;
            case "boolean":
                bool flagsProblem = lower.Contains("escalat", StringComparison.Ordinal) || lower.Contains("unsure", StringComparison.Ordinal) || lower.Contains("error", StringComparison.Ordinal) || lower.Contains("reject", StringComparison.Ordinal);
                writer.WriteBooleanValue(flagsProblem ? !good : good);
                break;
            default:
                writer.WriteStringValue(lower.Contains("reason", StringComparison.Ordinal) || lower.Contains("explanation", StringComparison.Ordinal) || lower.Contains("rationale", StringComparison.Ordinal)
                    ? (good ? "The answer is accurate, complete and clear." : "The answer hedges and leaves the question partly open.")
                    : StripPrefix(answer.Text));
                break;
        }
    }

    private static string StripPrefix(string text) => text.StartsWith("UNSURE: ", StringComparison.Ordinal) ? text["UNSURE: ".Length..] : text;
}
