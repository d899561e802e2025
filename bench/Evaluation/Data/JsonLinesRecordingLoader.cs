using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cascade.Evaluation.Data;

/// <summary>
/// Reads the JSON Lines format: one question a line with <c>idx</c>, <c>system_prompt</c>, <c>user_prompt</c> and a
/// <c>models</c> object mapping each model (in ascending price order) to its <c>answer</c>, <c>correct</c>,
/// <c>cost_usd</c>, <c>tokens_in</c>, <c>tokens_out</c>, <c>latency_ms</c> and <c>logprob_confidence</c>.
/// </summary>
/// <remarks>
/// A malformed row throws a <see cref="RecordingFormatException"/> naming the file, line and field. A row whose grade
/// (<c>correct</c>) is missing or null is skipped and counted: it cannot be scored, but the file is still usable.
/// </remarks>
public static partial class JsonLinesRecordingLoader
{
    /// <summary>Loads a file.</summary>
    public static RecordedDataset Load(string path)
    {
        using var reader = new StreamReader(path);
        return Load(path, reader);
    }

    /// <summary>Loads from a reader; <paramref name="path"/> names the source in errors.</summary>
    public static RecordedDataset Load(string path, TextReader reader)
    {
        List<string>? models = null;
        var questions = new List<RecordedQuestion>();
        var skipped = new List<SkippedRow>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                // Python's json module writes a zero probability's log as a bare -Infinity, which JSON does not allow.
                document = JsonDocument.Parse(NamedNumber().Replace(line, "$1\"$2\""));
            }
            catch (JsonException ex)
            {
                throw new RecordingFormatException(path, lineNumber, "(line)", $"not valid JSON: {ex.Message}", ex);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new RecordingFormatException(path, lineNumber, "(line)", "expected a JSON object.");
                }

                if (!root.TryGetProperty("models", out var modelsElement) || modelsElement.ValueKind != JsonValueKind.Object)
                {
                    throw new RecordingFormatException(path, lineNumber, "models", "expected an object mapping each model to its answer.");
                }

                var names = modelsElement.EnumerateObject().Select(p => p.Name).ToList();
                if (names.Count == 0)
                {
                    throw new RecordingFormatException(path, lineNumber, "models", "has no model.");
                }

                if (models is null)
                {
                    models = names;
                }
                else if (!names.SequenceEqual(models, StringComparer.Ordinal))
                {
                    throw new RecordingFormatException(path, lineNumber, "models", $"expected the models of the first row ({string.Join(", ", models)}) in that order, found {string.Join(", ", names)}.");
                }

                string id = root.TryGetProperty("idx", out var idx) && idx.ValueKind is JsonValueKind.Number or JsonValueKind.String
                    ? idx.ToString()
                    : (lineNumber - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                string? system = OptionalString(path, lineNumber, root, "system_prompt", "system_prompt");
                string prompt = OptionalString(path, lineNumber, root, "user_prompt", "user_prompt") ?? string.Empty;

                var answers = new List<RecordedAnswer>(models.Count);
                string? skipReason = null;
                foreach (var name in models)
                {
                    var answer = modelsElement.GetProperty(name);
                    string field = $"models.{name}";
                    if (answer.ValueKind != JsonValueKind.Object)
                    {
                        throw new RecordingFormatException(path, lineNumber, field, "expected an object with answer, correct, cost_usd, tokens_in and tokens_out.");
                    }

                    if (!answer.TryGetProperty("correct", out var correct) || correct.ValueKind == JsonValueKind.Null)
                    {
                        skipReason ??= $"{field}.correct is missing";
                        continue;
                    }

                    if (correct.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        throw new RecordingFormatException(path, lineNumber, field + ".correct", $"expected true or false, found {correct.GetRawText()}.");
                    }

                    string text = OptionalString(path, lineNumber, answer, "answer", field + ".answer") ?? string.Empty;
                    decimal cost = RequiredCost(path, lineNumber, answer, field + ".cost_usd");
                    long tokensIn = RequiredCount(path, lineNumber, answer, "tokens_in", field);
                    long tokensOut = RequiredCount(path, lineNumber, answer, "tokens_out", field);
                    double? latency = OptionalNumber(path, lineNumber, answer, "latency_ms", field);
                    if (latency < 0)
                    {
                        throw new RecordingFormatException(path, lineNumber, field + ".latency_ms", $"cannot be negative ({latency}).");
                    }

                    double? logprob = OptionalNumber(path, lineNumber, answer, "logprob_confidence", field);
                    if (logprob > 0)
                    {
                        throw new RecordingFormatException(path, lineNumber, field + ".logprob_confidence", $"a log-probability is zero or less, found {logprob}.");
                    }

                    answers.Add(new RecordedAnswer(text, correct.GetBoolean(), cost, new TokenUsage(tokensIn, tokensOut), latency, logprob));
                }

                if (skipReason is not null)
                {
                    skipped.Add(new SkippedRow(lineNumber, skipReason));
                    continue;
                }

                questions.Add(new RecordedQuestion(id, lineNumber, system, prompt, answers));
            }
        }

        if (models is null)
        {
            throw new RecordingFormatException(path, 1, "(file)", "the file has no rows.");
        }

        return new RecordedDataset(path, RecordingFormat.JsonLines, models, questions, skipped);
    }

    private static string? OptionalString(string path, int line, JsonElement parent, string name, string field)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new RecordingFormatException(path, line, field, $"expected a string, found {value.ValueKind}.");
    }

    private static decimal RequiredCost(string path, int line, JsonElement parent, string field)
    {
        if (!parent.TryGetProperty("cost_usd", out var value) || value.ValueKind != JsonValueKind.Number)
        {
            throw new RecordingFormatException(path, line, field, "expected a number of US dollars.");
        }

        decimal? cost = RecordedCost.Parse(value.GetRawText());
        return cost switch
        {
            null => throw new RecordingFormatException(path, line, field, $"'{value.GetRawText()}' is not a number of US dollars."),
            < 0 => throw new RecordingFormatException(path, line, field, $"a cost cannot be negative ({cost})."),
            _ => cost.Value,
        };
    }

    private static long RequiredCount(string path, int line, JsonElement parent, string name, string field)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long count) || count < 0)
        {
            throw new RecordingFormatException(path, line, $"{field}.{name}", "expected a whole number of tokens, zero or more.");
        }

        return count;
    }

    private static double? OptionalNumber(string path, int line, JsonElement parent, string name, string field)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && name == "logprob_confidence" && value.GetString() == "-Infinity")
        {
            return double.NegativeInfinity;
        }

        return value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble())
            ? value.GetDouble()
            : throw new RecordingFormatException(path, line, $"{field}.{name}", $"expected a number, found {value.GetRawText()}.");
    }

    [GeneratedRegex(@"(:\s*)(-?Infinity|NaN)(?=\s*[,}])", RegexOptions.CultureInvariant)]
    private static partial Regex NamedNumber();
}
