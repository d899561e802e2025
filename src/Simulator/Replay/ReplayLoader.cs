using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Logging;

namespace Cascade.Simulator.Replay;

/// <summary>
/// Reads recorded responses: <c>rational-cascades/*.jsonl</c> (one question a line with <c>user_prompt</c> and a
/// <c>models</c> map) and <c>routerbench/*.csv</c> (<c>prompt</c>, <c>model|model_response</c>, score columns).
/// Questions asked in several files merge their models.
/// </summary>
public static partial class ReplayLoader
{
    /// <summary>Loads every recorded file under <paramref name="folder"/>; a missing folder yields an empty index.</summary>
    public static ReplayIndex Load(string folder, ILogger logger)
    {
        if (!Directory.Exists(folder))
        {
            LogMissing(logger, folder);
            return ReplayIndex.Empty;
        }

        var questions = new Dictionary<string, Dictionary<string, RecordedAnswer>>(StringComparer.Ordinal);
        var sources = new List<string>();
        foreach (string file in Directory.EnumerateFiles(folder, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                int count = LoadJsonLines(file, questions);
                sources.Add(file);
                LogLoaded(logger, file, count);
            }
            catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
            {
                LogUnreadable(logger, file, ex.Message);
            }
        }

        foreach (string file in Directory.EnumerateFiles(folder, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                int count = LoadCsv(file, questions);
                sources.Add(file);
                LogLoaded(logger, file, count);
            }
            catch (Exception ex) when (ex is IOException or CsvHelperException or UnauthorizedAccessException)
            {
                LogUnreadable(logger, file, ex.Message);
            }
        }

        return new ReplayIndex(questions, sources);
    }

    private static int LoadJsonLines(string file, Dictionary<string, Dictionary<string, RecordedAnswer>> questions)
    {
        int count = 0;
        foreach (string line in File.ReadLines(file))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                // The recordings come from Python, which writes -Infinity and NaN for impossible log-probabilities.
                document = JsonDocument.Parse(line.Contains("Infinity", StringComparison.Ordinal) || line.Contains("NaN", StringComparison.Ordinal)
                    ? line.Replace(": -Infinity", ": null", StringComparison.Ordinal).Replace(": Infinity", ": null", StringComparison.Ordinal).Replace(": NaN", ": null", StringComparison.Ordinal)
                    : line);
            }
            catch (JsonException)
            {
                continue;
            }

            using JsonDocument owned = document;
            JsonElement root = document.RootElement;
            if (!root.TryGetProperty("user_prompt", out JsonElement prompt) || prompt.GetString() is not { } text ||
                !root.TryGetProperty("models", out JsonElement models) || models.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            Dictionary<string, RecordedAnswer> answers = Entry(questions, text);
            foreach (JsonProperty model in models.EnumerateObject())
            {
                JsonElement value = model.Value;
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("answer", out JsonElement answer))
                {
                    continue;
                }

                string answerText = answer.ValueKind == JsonValueKind.String ? answer.GetString() ?? string.Empty : answer.GetRawText();
                bool? correct = value.TryGetProperty("correct", out JsonElement c) && c.ValueKind is JsonValueKind.True or JsonValueKind.False ? c.GetBoolean() : null;
                double? confidence = value.TryGetProperty("logprob_confidence", out JsonElement l) && l.ValueKind == JsonValueKind.Number ? l.GetDouble() : null;
                answers[model.Name] = new RecordedAnswer(answerText, correct, confidence);
            }

            count++;
        }

        return count;
    }

    private static int LoadCsv(string file, Dictionary<string, Dictionary<string, RecordedAnswer>> questions)
    {
        using var reader = new StreamReader(file);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            return 0;
        }

        int promptColumn = Array.IndexOf(header, "prompt");
        if (promptColumn < 0)
        {
            return 0;
        }

        var responseColumns = new List<(string Model, int Response, int Score)>();
        for (int i = 0; i < header.Length; i++)
        {
            const string suffix = "|model_response";
            if (header[i].EndsWith(suffix, StringComparison.Ordinal))
            {
                string model = header[i][..^suffix.Length];
                responseColumns.Add((ShortName(model), i, Array.IndexOf(header, model)));
            }
        }

        int count = 0;
        while (csv.Read())
        {
            string? prompt = csv.GetField(promptColumn);
            if (string.IsNullOrWhiteSpace(prompt))
            {
                continue;
            }

            Dictionary<string, RecordedAnswer> answers = Entry(questions, prompt);
            foreach ((string model, int response, int score) in responseColumns)
            {
                string? text = csv.GetField(response);
                if (text is null)
                {
                    continue;
                }

                bool? correct = score >= 0 && double.TryParse(csv.GetField(score), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) ? s >= 0.5 : null;
                answers[model] = new RecordedAnswer(text, correct, null);
            }

            count++;
        }

        return count;
    }

    // RouterBench names some models with an owner prefix (meta/llama-2-70b-chat); configuration uses the short name.
    private static string ShortName(string model) => model[(model.LastIndexOf('/') + 1)..];

    private static Dictionary<string, RecordedAnswer> Entry(Dictionary<string, Dictionary<string, RecordedAnswer>> questions, string prompt)
    {
        string key = ReplayIndex.Normalize(prompt);
        if (!questions.TryGetValue(key, out Dictionary<string, RecordedAnswer>? answers))
        {
            answers = new Dictionary<string, RecordedAnswer>(StringComparer.Ordinal);
            questions[key] = answers;
        }

        return answers;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay is disabled: the recorded-responses folder {Folder} does not exist.")]
    private static partial void LogMissing(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay: read {Count} recorded questions from {File}.")]
    private static partial void LogLoaded(ILogger logger, string file, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay: skipped {File}, which could not be read: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string file, string reason);
}
