using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Cascade.Evaluation.Data;

/// <summary>
/// Reads the FrugalGPT-style CSV format: per model a 0/1 score column named after the model, <c>model_answer</c>
/// (the text the model returned) and <c>model_cost</c> (USD); optionally a prompt column (<c>query</c>,
/// <c>prompt</c> or <c>question</c>) and an id column (<c>_id</c>, <c>id</c>, <c>query_id</c> or <c>sample_id</c>).
/// </summary>
/// <remarks>
/// Models are the columns that have both an <c>_answer</c> and a <c>_cost</c> partner, in the order of their score
/// columns. A score is <c>0</c>, <c>1</c>, <c>0.0</c>, <c>1.0</c>, <c>true</c> or <c>false</c>; a row with a blank
/// score is skipped and counted; any other malformed value throws a <see cref="RecordingFormatException"/> naming the
/// file, the line the row starts on and the column. Without an id column a question's id is its 1-based row number.
/// </remarks>
public static class FrugalGptCsvLoader
{
    private const string AnswerSuffix = "_answer";
    private const string CostSuffix = "_cost";

    private static readonly string[] PromptColumns = ["query", "prompt", "question"];
    private static readonly string[] IdColumns = ["_id", "id", "query_id", "sample_id"];

    /// <summary>Gets the models a header describes in this format (empty when it is not a FrugalGPT-style header).</summary>
    public static IReadOnlyList<string> ModelsOf(IReadOnlyList<string> header)
    {
        var columns = header.ToHashSet(StringComparer.Ordinal);
        return header.Where(h => h.Length > 0 && columns.Contains(h + AnswerSuffix) && columns.Contains(h + CostSuffix)).ToArray();
    }

    /// <summary>Loads a file.</summary>
    public static RecordedDataset Load(string path)
    {
        using var reader = new StreamReader(path);
        return Load(path, reader);
    }

    /// <summary>Loads from a reader; <paramref name="path"/> names the source in errors.</summary>
    public static RecordedDataset Load(string path, TextReader reader)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null };
        using var csv = new CsvReader(reader, configuration);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            throw new RecordingFormatException(path, 1, "(header)", "the file has no header row.");
        }

        var models = ModelsOf(header);
        if (models.Count == 0)
        {
            throw new RecordingFormatException(path, 1, "(header)", "no model columns: a FrugalGPT-style file has, per model, a 0/1 score column '<model>' beside '<model>_answer' and '<model>_cost'.");
        }

        string? promptColumn = PromptColumns.FirstOrDefault(header.Contains);
        string? idColumn = IdColumns.FirstOrDefault(header.Contains);
        var questions = new List<RecordedQuestion>();
        var skipped = new List<SkippedRow>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int previousEnd = csv.Parser.RawRow;
        int row = 0;
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

            row++;
            int line = previousEnd + 1;
            previousEnd = csv.Parser.RawRow;
            if (csv.Parser.Count != header.Length)
            {
                throw new RecordingFormatException(path, line, "(row)", $"expected {header.Length} columns, found {csv.Parser.Count}.");
            }

            string id = idColumn is null ? row.ToString(CultureInfo.InvariantCulture) : (csv.GetField(idColumn) ?? string.Empty).Trim();
            if (id.Length == 0)
            {
                throw new RecordingFormatException(path, line, idColumn!, "is blank: every question needs an id.");
            }

            if (!ids.Add(id))
            {
                throw new RecordingFormatException(path, line, idColumn!, $"the id '{id}' appears twice: every question needs its own.");
            }

            string prompt = promptColumn is null ? string.Empty : csv.GetField(promptColumn) ?? string.Empty;
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

                bool correct = score.ToLowerInvariant() switch
                {
                    "1" or "1.0" or "true" => true,
                    "0" or "0.0" or "false" => false,
                    _ => throw new RecordingFormatException(path, line, model, $"expected a score of 0 or 1, found '{score}'."),
                };
                string costText = (csv.GetField(model + CostSuffix) ?? string.Empty).Trim();
                decimal cost = RecordedCost.Parse(costText) switch
                {
                    null => throw new RecordingFormatException(path, line, model + CostSuffix, $"expected a number of US dollars, found '{costText}'."),
                    < 0 => throw new RecordingFormatException(path, line, model + CostSuffix, $"a cost cannot be negative ({costText})."),
                    var c => c.Value,
                };
                string text = csv.GetField(model + AnswerSuffix) ?? string.Empty;
                answers.Add(new RecordedAnswer(text, correct, cost, Tokens: null, LatencyMs: null, LogprobConfidence: null));
            }

            if (skipReason is not null)
            {
                skipped.Add(new SkippedRow(line, skipReason));
                continue;
            }

            questions.Add(new RecordedQuestion(id, line, null, prompt, answers));
        }

        return new RecordedDataset(path, RecordingFormat.FrugalGptCsv, models, questions, skipped);
    }
}
