namespace Cascade.Evaluation.Data;

/// <summary>Loads recording files by their extension and pairs each <c>*_train</c> file with its <c>*_test</c> file.</summary>
public static class RecordingLoader
{
    /// <summary>Gets the file extensions the loader reads.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".jsonl", ".csv"];

    /// <summary>Loads one file, choosing the reader by extension and, for CSV, by the header's columns.</summary>
    /// <exception cref="RecordingFormatException">The file is malformed.</exception>
    public static RecordedDataset Load(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jsonl" => JsonLinesRecordingLoader.Load(path),
        ".csv" => CsvFormatOf(path) == RecordingFormat.FrugalGptCsv ? FrugalGptCsvLoader.Load(path) : RouterBenchCsvLoader.Load(path),
        var other => throw new RecordingFormatException(path, 1, "(file)", $"unknown extension '{other}': expected .jsonl (one question a line) or .csv (RouterBench or FrugalGPT-style)."),
    };

    /// <summary>Tells the CSV formats apart by the header: <c>&lt;model&gt;|total_cost</c> columns are RouterBench, <c>&lt;model&gt;_answer</c> and <c>&lt;model&gt;_cost</c> beside <c>&lt;model&gt;</c> are FrugalGPT-style.</summary>
    /// <exception cref="RecordingFormatException">The header fits neither.</exception>
    public static RecordingFormat CsvFormatOf(string path)
    {
        using var reader = new StreamReader(path);
        return CsvFormatOf(path, reader);
    }

    /// <summary>Tells the CSV formats apart by the header read from <paramref name="reader"/>; <paramref name="path"/> names the source in errors.</summary>
    /// <exception cref="RecordingFormatException">The header fits neither.</exception>
    public static RecordingFormat CsvFormatOf(string path, TextReader reader)
    {
        using var csv = new CsvHelper.CsvReader(reader, new CsvHelper.Configuration.CsvConfiguration(System.Globalization.CultureInfo.InvariantCulture) { BadDataFound = null });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            throw new RecordingFormatException(path, 1, "(header)", "the file has no header row.");
        }

        if (header.Any(h => h.EndsWith("|total_cost", StringComparison.Ordinal)))
        {
            return RecordingFormat.RouterBenchCsv;
        }

        return FrugalGptCsvLoader.ModelsOf(header).Count > 0
            ? RecordingFormat.FrugalGptCsv
            : throw new RecordingFormatException(path, 1, "(header)", "not a known CSV recording: expected RouterBench columns ('<model>', '<model>|model_response', '<model>|total_cost') or FrugalGPT-style ones ('<model>', '<model>_answer', '<model>_cost').");
    }

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
