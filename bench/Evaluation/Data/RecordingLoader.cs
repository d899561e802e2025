namespace Cascade.Evaluation.Data;

/// <summary>Loads recording files by their extension and pairs each <c>*_train</c> file with its <c>*_test</c> file.</summary>
public static class RecordingLoader
{
    /// <summary>Gets the file extensions the loader reads.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".jsonl", ".csv"];

    /// <summary>Loads one file, choosing the reader by extension.</summary>
    /// <exception cref="RecordingFormatException">The file is malformed.</exception>
    public static RecordedDataset Load(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jsonl" => JsonLinesRecordingLoader.Load(path),
        ".csv" => RouterBenchCsvLoader.Load(path),
        var other => throw new RecordingFormatException(path, 1, "(file)", $"unknown extension '{other}': expected .jsonl (one question a line) or .csv (RouterBench)."),
    };

    /// <summary>Finds every recording file under a folder, sorted by path.</summary>
    public static IReadOnlyList<string> FindFiles(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"No data folder '{folder}': pass --data with the folder of recorded responses.");
        }

        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// Pairs train and test datasets by name; a name without both splits is returned in <paramref name="unpaired"/>.
    /// Each pair gets the other train files on its ladder and of its task kind as <see cref="DatasetPair.Auxiliary"/> data.
    /// </summary>
    public static IReadOnlyList<DatasetPair> Pair(IEnumerable<RecordedDataset> datasets, out IReadOnlyList<RecordedDataset> unpaired)
    {
        var all = datasets.ToArray();
        var pairs = PairOnly(all, out unpaired);
        return pairs.Select(p => p.WithAuxiliary(all)).ToArray();
    }

    private static List<DatasetPair> PairOnly(IEnumerable<RecordedDataset> datasets, out IReadOnlyList<RecordedDataset> unpaired)
    {
        var pairs = new List<DatasetPair>();
        var alone = new List<RecordedDataset>();
        foreach (var group in datasets.GroupBy(d => (Folder: Path.GetDirectoryName(d.Path), d.Name)).OrderBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var train = group.FirstOrDefault(d => d.Split == "train");
            var test = group.FirstOrDefault(d => d.Split == "test");
            if (train is null || test is null)
            {
                alone.AddRange(group);
                continue;
            }

            pairs.Add(DatasetPair.Create(train, test));
        }

        unpaired = alone;
        return pairs;
    }
}
