using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Cascade.Evaluation.Data;

/// <summary>
/// Reads the RouterBench CSV format: <c>sample_id</c>, <c>prompt</c>, <c>eval_name</c>, and per model a 0/1 score
/// column named after the model, <c>model|model_response</c> and <c>model|total_cost</c>.
/// </summary>
/// <remarks>
/// Models are the columns that have a <c>|total_cost</c> partner, in the order of those cost columns. A row with a
/// blank score is skipped and counted; any other malformed value throws a <see cref="RecordingFormatException"/>
/// naming the file, the line the row starts on and the column. Prompts and responses are stored as Python list
/// literals (<c>['A']</c>); they are unwrapped to the text the model returned.
/// </remarks>
public static class RouterBenchCsvLoader
{
    private const string CostSuffix = "|total_cost";
    private const string ResponseSuffix = "|model_response";

    /// <summary>Loads a file.</summary>
    public static RecordedDataset Load(string path)
    {
        using var reader = new StreamReader(path);
        return Load(path, reader);
    }

    /// <summary>Loads from a reader; <paramref name="path"/> names the source in errors.</summary>
    public static RecordedDataset Load(string path, TextReader reader)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectColumnCountChanges = true };
        using var csv = new CsvReader(reader, configuration);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            throw new RecordingFormatException(path, 1, "(header)", "the file has no header row.");
        }

        foreach (var required in new[] { "sample_id", "prompt" })
        {
            if (!header.Contains(required))
            {
                throw new RecordingFormatException(path, 1, required, "the header has no such column.");
            }
        }

        var models = header.Where(h => h.EndsWith(CostSuffix, StringComparison.Ordinal)).Select(h => h[..^CostSuffix.Length]).ToList();
        if (models.Count == 0)
        {
            throw new RecordingFormatException(path, 1, "(header)", "no '<model>|total_cost' column: this is not a RouterBench file.");
        }

        foreach (var model in models)
        {
            foreach (var column in new[] { model, model + ResponseSuffix })
            {
                if (!header.Contains(column))
                {
                    throw new RecordingFormatException(path, 1, column, $"the header has '{model}{CostSuffix}' but no '{column}' column.");
                }
            }
        }

        var questions = new List<RecordedQuestion>();
        var skipped = new List<SkippedRow>();
        int previousEnd = csv.Parser.RawRow;
        while (true)
        {
            bool read;
            try
            {
                read = csv.Read();
            }
            catch (CsvHelperException ex)
            {
                throw new RecordingFormatException(path, previousEnd + 1, "(row)", $"not a valid CSV row: {ex.Message}", ex);
            }

            if (!read)
            {
                break;
            }

            int line = previousEnd + 1;
            previousEnd = csv.Parser.RawRow;
            if (csv.Parser.Count != header.Length)
            {
                throw new RecordingFormatException(path, line, "(row)", $"expected {header.Length} columns, found {csv.Parser.Count}.");
            }

            string id = csv.GetField("sample_id") ?? string.Empty;
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new RecordingFormatException(path, line, "sample_id", "is blank.");
            }

            string prompt = Unwrap(csv.GetField("prompt") ?? string.Empty);
            var answers = new List<RecordedAnswer>(models.Count);
            string? skipReason = null;
            foreach (var model in models)
            {
                string score = (csv.GetField(model) ?? string.Empty).Trim();
                if (score.Length == 0)
                {
                    skipReason ??= $"{model} score is blank";
                    continue;
                }

                bool correct = score switch
                {
                    "1" or "1.0" => true,
                    "0" or "0.0" => false,
                    _ => throw new RecordingFormatException(path, line, model, $"expected a score of 0 or 1, found '{score}'."),
                };
                string costText = (csv.GetField(model + CostSuffix) ?? string.Empty).Trim();
                decimal cost = RecordedCost.Parse(costText) switch
                {
                    null => throw new RecordingFormatException(path, line, model + CostSuffix, $"expected a number of US dollars, found '{costText}'."),
                    < 0 => throw new RecordingFormatException(path, line, model + CostSuffix, $"a cost cannot be negative ({costText})."),
                    var c => c.Value,
                };
                string text = Unwrap(csv.GetField(model + ResponseSuffix) ?? string.Empty);
                answers.Add(new RecordedAnswer(text, correct, cost, Tokens: null, LatencyMs: null, LogprobConfidence: null));
            }

            if (skipReason is not null)
            {
                skipped.Add(new SkippedRow(line, skipReason));
                continue;
            }

            questions.Add(new RecordedQuestion(id, line, null, prompt, answers));
        }

        return new RecordedDataset(path, RecordingFormat.RouterBenchCsv, models, questions, skipped);
    }

    /// <summary>Unwraps a one-element Python list literal (<c>['text']</c> or <c>["text"]</c>) and its escapes; other text is returned as is.</summary>
    public static string Unwrap(string value)
    {
        if (value.Length < 4 || value[0] != '[' || value[^1] != ']' || (value[1] != '\'' && value[1] != '"') || value[^2] != value[1])
        {
            return value;
        }

        var inner = value.AsSpan(2, value.Length - 4);
        var text = new StringBuilder(inner.Length);
        for (int i = 0; i < inner.Length; i++)
        {
            if (inner[i] != '\\' || i + 1 == inner.Length)
            {
                text.Append(inner[i]);
                continue;
            }

            char next = inner[++i];
            text.Append(next switch
            {
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => next,
            });
        }

        return text.ToString();
    }
}
