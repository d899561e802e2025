namespace Cascade.Evaluation.Data;

/// <summary>A dataset's train and test files on one ladder: the models both share, cheapest first by the train file's mean cost.</summary>
public sealed class DatasetPair
{
    private DatasetPair(RecordedDataset train, RecordedDataset test, IReadOnlyList<RecordedDataset>? auxiliary = null)
    {
        Train = train;
        Test = test;
        Auxiliary = auxiliary ?? [];
    }

    /// <summary>
    /// Gets other train files on the same ladder and of the same task kind (for example medmcqa_llama_train beside
    /// mmlu_llama), models in ladder order. The learned gate may pool them into its training rows when that lowers its
    /// cross-validated log-loss on this dataset's own train rows; thresholds and fronts use only <see cref="Train"/>.
    /// </summary>
    public IReadOnlyList<RecordedDataset> Auxiliary { get; }

    /// <summary>Returns the pair with the train files among <paramref name="candidates"/> that share its ladder and task kind as auxiliary training data.</summary>
    public DatasetPair WithAuxiliary(IEnumerable<RecordedDataset> candidates)
    {
        var ladder = Models.Order(StringComparer.Ordinal).ToArray();
        var auxiliary = candidates
            .Where(d => d.Split == "train" && !ReferenceEquals(d, Train) && d.Path != Train.Path && d.Task == Train.Task && d.Questions.Count > 0)
            .Where(d => d.Models.Order(StringComparer.Ordinal).SequenceEqual(ladder, StringComparer.Ordinal))
            .Select(d => d.WithModels(Models))
            .ToArray();
        return new DatasetPair(Train, Test, auxiliary);
    }

    /// <summary>Gets the dataset's name.</summary>
    public string Name => Train.Name;

    /// <summary>Gets the calibration split: every threshold and learned parameter comes from here.</summary>
    public RecordedDataset Train { get; }

    /// <summary>Gets the reporting split.</summary>
    public RecordedDataset Test { get; }

    /// <summary>Gets the ladder: the models, cheapest first.</summary>
    public IReadOnlyList<string> Models => Train.Models;

    /// <summary>Pairs two splits, ordering the ladder by the train split's mean cost (ties keep the file's order).</summary>
    /// <exception cref="ArgumentException">The splits do not have the same models.</exception>
    public static DatasetPair Create(RecordedDataset train, RecordedDataset test)
    {
        if (!train.Models.Order(StringComparer.Ordinal).SequenceEqual(test.Models.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            throw new ArgumentException($"{test.Path} has models {string.Join(", ", test.Models)} but {train.Path} has {string.Join(", ", train.Models)}: a train and test file must share one ladder.");
        }

        if (train.Questions.Count == 0 || test.Questions.Count == 0)
        {
            throw new ArgumentException($"{(train.Questions.Count == 0 ? train.Path : test.Path)} has no usable question.");
        }

        var ladder = train.Models
            .Select((m, i) => (Model: m, Index: i, Mean: train.Questions.Average(q => q.Answers[i].Cost)))
            .OrderBy(x => x.Mean)
            .ThenBy(x => x.Index)
            .Select(x => x.Model)
            .ToArray();
        // The test split is read as the train split's task kind: how answers are compared is fixed on train.
        return new DatasetPair(train.WithModels(ladder), test.WithModels(ladder).WithTask(train.Task));
    }

    /// <summary>Returns the pair restricted to some models of the ladder (kept in ladder order).</summary>
    public DatasetPair WithModels(IReadOnlyCollection<string> models)
    {
        var kept = Models.Where(models.Contains).ToArray();
        return new DatasetPair(Train.WithModels(kept), Test.WithModels(kept));
    }

    /// <summary>
    /// Returns a random re-split: the train and test questions pooled, shuffled with <paramref name="seed"/> and cut
    /// back into a train and a test split of the original sizes; the ladder is re-ordered by the new train split's
    /// mean cost, the task kind and auxiliary train files are kept.
    /// </summary>
    public DatasetPair Resplit(int seed)
    {
        var pooled = Train.Questions.Concat(Test.Questions).ToArray();
        new Random(seed).Shuffle(pooled);
        int trainCount = Train.Questions.Count;
        var resplit = Create(Train.WithQuestions(pooled[..trainCount]), Test.WithQuestions(pooled[trainCount..]).WithModels(Models));
        return new DatasetPair(resplit.Train, resplit.Test, Auxiliary.Select(a => a.WithModels(resplit.Models)).ToArray());
    }
}
