using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;

namespace Cascade.Simulator.Calibration;

/// <summary>
/// Measures how real models err, from the recorded responses (<c>rational-cascades/*.jsonl</c>, <c>routerbench/*.csv</c>):
/// the figures behind each simulated model's <see cref="Configuration.ErrorProfileOptions"/>. Only free-text tasks count
/// (GSM8K, TriviaQA, TruthfulQA, MBPP; a multiple-choice letter cannot hedge or be cut off). The hedged, refusal and
/// cut-off shares are measured on all of them; the wrong share and the log-probability percentiles on TriviaQA, the
/// free-text task recorded with log-probabilities and with a train and a test split.
/// </summary>
public static partial class ErrorCalibrator
{
    /// <summary>The tasks whose answers are free text.</summary>
    public static IReadOnlyList<string> FreeTextTasks { get; } = ["gsm8k", "triviaqa", "truthfulqa", "mbpp"];

    /// <summary>The task the wrong share and the log-probabilities are measured on.</summary>
    public const string GradedTask = "triviaqa";

    /// <summary>The output limit of the rational-cascades recordings: an answer this long was cut off.</summary>
    public const int RecordedOutputLimit = 2048;

    private static readonly HedgingGate s_hedging = new();

    /// <summary>Reads the recorded answers of <paramref name="models"/> in the free-text files of one split (<c>train</c> or <c>test</c>).</summary>
    public static IReadOnlyList<RecordedOutcome> Read(string folder, IReadOnlyCollection<string> models, string split)
    {
        ArgumentNullException.ThrowIfNull(models);
        var outcomes = new List<RecordedOutcome>();
        foreach (string file in Directory.EnumerateFiles(folder, $"*_{split}.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file);
            string? task = FreeTextTasks.FirstOrDefault(t => name.StartsWith(t + "_", StringComparison.Ordinal));
            if (task is null)
            {
                continue;
            }

            if (file.EndsWith(".jsonl", StringComparison.Ordinal))
            {
                ReadJsonLines(file, task, models, outcomes);
            }
            else if (file.EndsWith(".csv", StringComparison.Ordinal))
            {
                ReadCsv(file, task, models, outcomes);
            }
        }

        return outcomes;
    }

    /// <summary>Measures the error figures of a pool of recorded answers.</summary>
    public static ErrorMeasurement Measure(IReadOnlyList<RecordedOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        RecordedOutcome[] graded = [.. outcomes.Where(o => o.Task == GradedTask)];
        int all = Math.Max(1, outcomes.Count);
        return new ErrorMeasurement
        {
            Answers = outcomes.Count,
            GradedAnswers = graded.Length,
            WrongShare = graded.Length == 0 ? 0 : (double)graded.Count(o => !o.Correct) / graded.Length,
            HedgedShare = (double)outcomes.Count(o => IsHedged(o.Text)) / all,
            RefusalShare = (double)outcomes.Count(o => IsRefusal(o.Text)) / all,
            CutOffShare = (double)outcomes.Count(o => o.CutOff) / all,
            LogprobRight = Percentiles(graded.Where(o => o.Correct && o.Logprob is not null).Select(o => o.Logprob!.Value)),
            LogprobWrong = Percentiles(graded.Where(o => !o.Correct && o.Logprob is not null).Select(o => o.Logprob!.Value)),
        };
    }

    /// <summary>Gets whether a text trips the shipped hedging gate (two or more of its phrases).</summary>
    public static bool IsHedged(string text) => s_hedging.FindPhrases(text).Count >= 2;

    /// <summary>Gets whether a text is a refusal: it opens with an apology or an inability.</summary>
    public static bool IsRefusal(string text) => RefusalPattern().IsMatch(text);

    private static double[] Percentiles(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        if (sorted.Length == 0)
        {
            return [];
        }

        var percentiles = new double[101];
        for (int i = 0; i <= 100; i++)
        {
            double position = i / 100.0 * (sorted.Length - 1);
            int low = (int)position;
            double high = low + 1 < sorted.Length ? sorted[low + 1] : sorted[low];
            percentiles[i] = Math.Min(0, sorted[low] + ((high - sorted[low]) * (position - low)));
        }

        return percentiles;
    }

    private static void ReadJsonLines(string file, string task, IReadOnlyCollection<string> models, List<RecordedOutcome> outcomes)
    {
        foreach (string raw in File.ReadLines(file))
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            // The recordings come from Python, which writes -Infinity and NaN for impossible log-probabilities.
            string line = raw.Replace(": -Infinity", ": null", StringComparison.Ordinal).Replace(": Infinity", ": null", StringComparison.Ordinal).Replace(": NaN", ": null", StringComparison.Ordinal);
            using JsonDocument document = JsonDocument.Parse(line);
            if (!document.RootElement.TryGetProperty("models", out JsonElement answers) || answers.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (JsonProperty model in answers.EnumerateObject())
            {
                JsonElement value = model.Value;
                if (!models.Contains(model.Name) || value.ValueKind != JsonValueKind.Object ||
                    !value.TryGetProperty("correct", out JsonElement correct) || correct.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    continue;
                }

                string text = value.TryGetProperty("answer", out JsonElement a) && a.ValueKind == JsonValueKind.String ? a.GetString() ?? string.Empty : string.Empty;
                double? logprob = value.TryGetProperty("logprob_confidence", out JsonElement l) && l.ValueKind == JsonValueKind.Number ? l.GetDouble() : null;
                bool cutOff = value.TryGetProperty("tokens_out", out JsonElement t) && t.ValueKind == JsonValueKind.Number && t.GetDouble() >= RecordedOutputLimit;
                outcomes.Add(new RecordedOutcome(task, model.Name, text, correct.GetBoolean(), logprob, cutOff));
            }
        }
    }

    private static void ReadCsv(string file, string task, IReadOnlyCollection<string> models, List<RecordedOutcome> outcomes)
    {
        using var reader = new StreamReader(file);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            return;
        }

        var columns = new List<(string Model, int Score, int Response)>();
        foreach (string model in models)
        {
            int score = Array.FindIndex(header, h => h == model || h.EndsWith("/" + model, StringComparison.Ordinal));
            int response = score < 0 ? -1 : Array.IndexOf(header, header[score] + "|model_response");
            if (score >= 0 && response >= 0)
            {
                columns.Add((model, score, response));
            }
        }

        while (csv.Read())
        {
            foreach ((string model, int score, int response) in columns)
            {
                // Rows with a blank score are skipped.
                if (!double.TryParse(csv.GetField(score), NumberStyles.Float, CultureInfo.InvariantCulture, out double s))
                {
                    continue;
                }

                string text = Unwrap(csv.GetField(response) ?? string.Empty);
                outcomes.Add(new RecordedOutcome(task, model, text, s >= 0.5, null, LooksCutOff(text)));
            }
        }
    }

    /// <summary>RouterBench stores a response as a Python list literal of one string: <c>['...']</c>.</summary>
    private static string Unwrap(string field)
    {
        string text = field.Trim();
        if (text.Length >= 4 && text[0] == '[' && text[^1] == ']' && (text[1] == '\'' || text[1] == '"') && text[^2] == text[1])
        {
            text = text[2..^2];
        }

        return text.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
    }

    /// <summary>RouterBench records no finish reason: an unclosed code block, or a long answer ending mid-word, was cut off.</summary>
    private static bool LooksCutOff(string text)
    {
        string trimmed = text.TrimEnd();
        int fences = Regex.Count(trimmed, "```");
        return fences % 2 == 1 || (trimmed.Length > 200 && char.IsLetterOrDigit(trimmed[^1]));
    }

    [GeneratedRegex(@"^\s*(i'?m sorry|i am sorry|sorry,|i apologi[sz]e|i can'?t|i cannot|i am unable|i'm unable|as an ai)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RefusalPattern();
}
