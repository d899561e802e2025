namespace Cascade.Evaluation.Data;

/// <summary>One loaded recording file: its models in ladder order, its questions and what was skipped.</summary>
public sealed class RecordedDataset
{
    /// <summary>Initializes a dataset.</summary>
    public RecordedDataset(
        string path,
        RecordingFormat format,
        IReadOnlyList<string> models,
        IReadOnlyList<RecordedQuestion> questions,
        IReadOnlyList<SkippedRow> skipped)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        Format = format;
        Models = models;
        Questions = questions;
        Skipped = skipped;
        (Name, Split) = SplitName(System.IO.Path.GetFileNameWithoutExtension(path));
        Task = KindOf(Name);
    }

    /// <summary>Gets the file the dataset was read from.</summary>
    public string Path { get; }

    /// <summary>Gets the file's format.</summary>
    public RecordingFormat Format { get; }

    /// <summary>Gets the dataset's name without its split (for example <c>mmlu_llama</c>).</summary>
    public string Name { get; }

    /// <summary>Gets the split: <c>train</c>, <c>test</c>, or empty when the file name has none.</summary>
    public string Split { get; }

    /// <summary>Gets the kind of answer the dataset expects, from its name.</summary>
    public TaskKind Task { get; }

    /// <summary>Gets the model names, in the file's order.</summary>
    public IReadOnlyList<string> Models { get; }

    /// <summary>Gets the questions that were loaded.</summary>
    public IReadOnlyList<RecordedQuestion> Questions { get; }

    /// <summary>Gets the rows that were left out, with the reason.</summary>
    public IReadOnlyList<SkippedRow> Skipped { get; }

    /// <summary>Gets whether every answer carries a logprob confidence.</summary>
    public bool HasLogprobs => Questions.Count > 0 && Questions.All(q => q.Answers.All(a => a.LogprobConfidence is not null));

    /// <summary>Returns a copy holding only the given models, in the given order.</summary>
    public RecordedDataset WithModels(IReadOnlyList<string> models)
    {
        var index = models.Select(m => Models.ToList().IndexOf(m)).ToArray();
        var missing = models.Where((m, i) => index[i] < 0).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"{Path}: no model named {string.Join(", ", missing)}; it has {string.Join(", ", Models)}.", nameof(models));
        }

        var questions = Questions.Select(q => q with { Answers = index.Select(i => q.Answers[i]).ToArray() }).ToArray();
        return new RecordedDataset(Path, Format, models.ToArray(), questions, Skipped);
    }

    /// <summary>Guesses the task kind from a dataset name.</summary>
    public static TaskKind KindOf(string name) => name.ToLowerInvariant() switch
    {
        var n when n.Contains("mmlu") || n.Contains("medmcqa") || n.Contains("arc") => TaskKind.MultipleChoice,
        var n when n.Contains("gsm8k") => TaskKind.Math,
        var n when n.Contains("mbpp") || n.Contains("humaneval") || n.Contains("code") => TaskKind.Code,
        _ => TaskKind.FreeText,
    };

    private static (string Name, string Split) SplitName(string stem)
    {
        foreach (var split in new[] { "train", "test" })
        {
            if (stem.EndsWith("_" + split, StringComparison.OrdinalIgnoreCase))
            {
                return (stem[..^(split.Length + 1)], split);
            }
        }

        return (stem, string.Empty);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Split} ({Questions.Count} questions, {Models.Count} models)";
}
