using Cascade.Evaluation.Data;

namespace Cascade.Evaluation.Tests;

/// <summary>The committed tiny recordings.</summary>
internal static class Fixture
{
    public static string Folder => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Path(string name) => System.IO.Path.Combine(Folder, name);

    public static DatasetPair MmluPair() => DatasetPair.Create(
        JsonLinesRecordingLoader.Load(Path("mmlu_tiny_train.jsonl")),
        JsonLinesRecordingLoader.Load(Path("mmlu_tiny_test.jsonl")));

    public static RecordedDataset Csv() => RouterBenchCsvLoader.Load(Path("arc_tiny_test.csv"));
}
