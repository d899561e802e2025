namespace Cascade.Evaluation.Data;

/// <summary>One loaded recording file: its models in ladder order, its questions and what was skipped.</summary>
public sealed class RecordedDataset
{
    /// <summary>Initializes a dataset.</summary>
    /// <param name="path">The file the dataset was read from; its name gives the dataset's name and split.</param>
    /// <param name="format">The file's format.</param>
    /// <param name="models">The model names, in the file's order.</param>
    /// <param name="questions">The questions loaded.</param>
    /// <param name="skipped">The rows left out.</param>
    /// <param name="task">The task kind; detected from <paramref name="questions"/> by <see cref="TaskKindDetector"/> when <see langword="null"/>.</param>
    public RecordedDataset(
        string path,
        RecordingFormat format,
        IReadOnlyList<string> models,
        IReadOnlyList<RecordedQuestion> questions,
        IReadOnlyList<SkippedRow> skipped,
        TaskKind? task = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        Format = format;
        Models = models;
        Questions = questions;
        Skipped = skipped;
        (Name, Split) = SplitName(System.IO.Path.GetFileNameWithoutExtension(path));
        Task = task ?? TaskKindDetector.Detect(questions);
    }

    /// <summary>Gets the file the dataset was read from.</summary>
    public string Path { get; }

    /// <summary>Gets the file's format.</summary>
    public RecordingFormat Format { get; }

    /// <summary>Gets the dataset's name without its split (for example <c>mmlu_llama</c>).</summary>
    public string Name { get; }

    /// <summary>Gets the split: <c>train</c>, <c>test</c>, or empty when the file name has none.</summary>
    public string Split { get; }

    /// <summary>Gets the kind of answer the dataset expects, detected from its answers and prompts (see <see cref="TaskKindDetector"/>) unless given.</summary>
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
        return new RecordedDataset(Path, Format, models.ToArray(), questions, Skipped, Task);
    }

    /// <summary>Returns a copy holding other questions (for example a re-split), keeping the task kind, models and skipped rows.</summary>
    public RecordedDataset WithQuestions(IReadOnlyList<RecordedQuestion> questions, string? path = null) =>
        new(path ?? Path, Format, Models, questions, Skipped, Task);

    /// <summary>Returns a copy read as another task kind (a test split scored like its train split).</summary>
    public RecordedDataset WithTask(TaskKind task) => new(Path, Format, Models, Questions, Skipped, task);

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
