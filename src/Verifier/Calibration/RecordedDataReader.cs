using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace Cascade.Verifier.Calibration;

/// <summary>
/// Reads labelled answers in the two recorded formats: rational-cascades JSON Lines (<c>{task}_{ladder}_{split}.jsonl</c>,
/// with logprob confidences) and RouterBench CSV (<c>{task}_{split}.csv</c>, text only).
/// </summary>
public static partial class RecordedDataReader
{
    /// <summary>The log-probability recorded files write as <c>-Infinity</c> (a probability of zero) is read as.</summary>
    public const double ZeroProbabilityLogprob = -1e6;

    /// <summary>The ladder name given to RouterBench files.</summary>
    public const string RouterBenchLadder = "routerbench";

    /// <summary>The RouterBench models read by default: the cheap, middle and strong ladder of the dataset's README.</summary>
    public static IReadOnlyList<string> DefaultRouterBenchModels { get; } = ["claude-instant-v1", "claude-v2", "gpt-4-1106-preview"];

    /// <summary>The tasks graded by exact choice letter, whose answers the multiple-choice check reads.</summary>
    public static IReadOnlySet<string> MultipleChoiceWorkloads { get; } = new HashSet<string>(["mmlu", "medmcqa", "arc_challenge"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads every file of a split (<c>train</c> or <c>test</c>) under a directory, recursively.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static IReadOnlyList<LabelledDataset> ReadSplit(string directory, string split, IReadOnlyList<string>? routerBenchModels = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The data directory '{directory}' does not exist.");
        }

        string suffix = "_" + split;
        return Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileNameWithoutExtension(f).EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetExtension(f).ToLowerInvariant() switch
            {
                ".jsonl" => ReadJsonLines(f),
                ".csv" => ReadRouterBench(f, routerBenchModels ?? DefaultRouterBenchModels),
                _ => null,
            })
            .OfType<LabelledDataset>()
            .ToArray();
    }

    /// <summary>Reads a rational-cascades JSON Lines file.</summary>
    /// <exception cref="InvalidDataException">A line is not a recorded question.</exception>
    public static LabelledDataset ReadJsonLines(string path)
    {
        (string workload, string ladder) = NameOf(path, jsonLines: true);
        IReadOnlyList<string>? choices = MultipleChoiceWorkloads.Contains(workload) ? Cascade.AnswerExtraction.DefaultChoices : null;
        var questions = new List<LabelledQuestion>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                // Python's json writes log(0) as -Infinity, which is not JSON.
                using JsonDocument document = JsonDocument.Parse(line.Contains("Infinity", StringComparison.Ordinal) ? NegativeInfinity().Replace(line, "${key}" + ZeroProbabilityLogprob.ToString("R", CultureInfo.InvariantCulture)) : line);
                JsonElement root = document.RootElement;
                var answers = new List<LabelledAnswer>();
                foreach (JsonProperty model in root.GetProperty("models").EnumerateObject())
                {
                    JsonElement value = model.Value;
                    answers.Add(new LabelledAnswer(
                        model.Name,
                        value.GetProperty("answer").ValueKind == JsonValueKind.String ? value.GetProperty("answer").GetString()! : value.GetProperty("answer").GetRawText(),
                        value.GetProperty("correct").GetBoolean(),
                        value.TryGetProperty("logprob_confidence", out JsonElement logprob) && logprob.ValueKind == JsonValueKind.Number ? logprob.GetDouble() : null,
                        value.TryGetProperty("cost_usd", out JsonElement cost) && cost.ValueKind == JsonValueKind.Number ? (decimal)cost.GetDouble() : 0m));
                }

                questions.Add(new LabelledQuestion(
                    workload,
                    ladder,
                    root.TryGetProperty("system_prompt", out JsonElement system) ? system.GetString() : null,
                    root.GetProperty("user_prompt").GetString() ?? "",
                    choices,
                    answers));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not a recorded question ({ex.Message}).", ex);
            }
        }

        return new LabelledDataset(path, workload, ladder, questions, 0);
    }

    /// <summary>Reads a RouterBench CSV file; rows with a blank score for one of <paramref name="models"/> are skipped and counted.</summary>
    /// <exception cref="InvalidDataException">A model's columns are missing.</exception>
    public static LabelledDataset ReadRouterBench(string path, IReadOnlyList<string> models)
    {
        (string workload, _) = NameOf(path, jsonLines: false);
        IReadOnlyList<string>? choices = MultipleChoiceWorkloads.Contains(workload) ? Cascade.AnswerExtraction.DefaultChoices : null;
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            throw new InvalidDataException($"{path}: no header row.");
        }

        foreach (string model in models)
        {
            foreach (string column in new[] { model, $"{model}|model_response", $"{model}|total_cost" })
            {
                if (!header.Contains(column))
                {
                    throw new InvalidDataException($"{path}: no column '{column}'; models here: {string.Join(", ", header.Where(h => h.EndsWith("|model_response", StringComparison.Ordinal)).Select(h => h[..^"|model_response".Length]))}.");
                }
            }
        }

        var questions = new List<LabelledQuestion>();
        int skipped = 0;
        while (csv.Read())
        {
            var answers = new List<LabelledAnswer>(models.Count);
            foreach (string model in models)
            {
                string? score = csv.GetField(model);
                if (string.IsNullOrWhiteSpace(score) || !double.TryParse(score, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    break;
                }

                decimal.TryParse(csv.GetField($"{model}|total_cost"), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal cost);
                answers.Add(new LabelledAnswer(model, UnwrapPythonList(csv.GetField($"{model}|model_response") ?? ""), value >= 0.5, null, cost));
            }

            if (answers.Count < models.Count)
            {
                skipped++;
                continue;
            }

            questions.Add(new LabelledQuestion(workload, RouterBenchLadder, null, UnwrapPythonList(csv.GetField("prompt") ?? ""), choices, answers));
        }

        return new LabelledDataset(path, workload, RouterBenchLadder, questions, skipped);
    }

    /// <summary>Turns RouterBench's Python list literal (<c>['text']</c>) into its text, escapes undone.</summary>
    public static string UnwrapPythonList(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string trimmed = value.Trim();
        if (trimmed.Length < 4 || trimmed[0] != '[' || trimmed[^1] != ']' || (trimmed[1] != '\'' && trimmed[1] != '"') || trimmed[^2] != trimmed[1])
        {
            return value;
        }

        string inner = trimmed[2..^2];
        var text = new StringBuilder(inner.Length);
        for (int i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                char next = inner[++i];
                text.Append(next switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => next });
            }
            else
            {
                text.Append(inner[i]);
            }
        }

        return text.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<key>""logprob_confidence""\s*:\s*)-Infinity")]
    private static partial System.Text.RegularExpressions.Regex NegativeInfinity();

    private static (string Workload, string Ladder) NameOf(string path, bool jsonLines)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        int split = name.LastIndexOf('_');
        string stem = split > 0 ? name[..split] : name;
        if (!jsonLines)
        {
            return (stem, RouterBenchLadder);
        }

        // {task}_{ladder}: tasks have no underscore in this dataset, ladders may (qwen_oai).
        int ladder = stem.IndexOf('_', StringComparison.Ordinal);
        return ladder > 0 ? (stem[..ladder], stem[(ladder + 1)..]) : (stem, "default");
    }
}
