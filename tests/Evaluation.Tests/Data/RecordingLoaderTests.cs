using Cascade.Evaluation.Data;

namespace Cascade.Evaluation.Tests.Data;

public sealed class RecordingLoaderTests
{
    [Fact]
    public void FindFiles_MissingFolder_SaysToPassData()
    {
        Should.Throw<DirectoryNotFoundException>(() => RecordingLoader.FindFiles("/no/such/folder")).Message.ShouldContain("--data");
    }

    [Fact]
    public void Load_UnknownExtension_IsAnError()
    {
        Should.Throw<RecordingFormatException>(() => RecordingLoader.Load("calls.parquet")).Message.ShouldContain("unknown extension '.parquet'");
    }

    [Fact]
    public void Pair_MatchesTrainAndTestByName_AndListsTheRest()
    {
        var datasets = RecordingLoader.FindFiles(Fixture.Folder).Select(RecordingLoader.Load).ToArray();

        var pairs = RecordingLoader.Pair(datasets, out var unpaired);

        pairs.ShouldHaveSingleItem().Name.ShouldBe("mmlu_tiny");
        unpaired.ShouldHaveSingleItem().Name.ShouldBe("arc_tiny");
    }

    [Fact]
    public void Pair_OfSplitsWithDifferentModels_IsAnError()
    {
        var pair = Fixture.MmluPair();
        var other = Fixture.Csv();

        Should.Throw<ArgumentException>(() => DatasetPair.Create(pair.Train, other)).Message.ShouldContain("must share one ladder");
    }

    [Fact]
    public void Pair_OrdersTheLadderByTrainCost()
    {
        var train = JsonLinesRecordingLoader.Load(Fixture.Path("mmlu_tiny_train.jsonl"));
        var reversed = train.WithModels(["big", "mid", "small"]);

        DatasetPair.Create(reversed, reversed).Models.ShouldBe(["small", "mid", "big"]);
    }

    [Fact]
    public void Pair_OffersOtherTrainFilesOfTheSameLadderAndTaskAsAuxiliaryData()
    {
        string folder = Directory.CreateTempSubdirectory("cascade-eval-").FullName;
        try
        {
            foreach (var name in new[] { "mmlu_tiny_train.jsonl", "mmlu_tiny_test.jsonl", "arc_tiny_test.csv" })
            {
                File.Copy(Fixture.Path(name), Path.Combine(folder, name));
            }

            File.Copy(Fixture.Path("mmlu_tiny_train.jsonl"), Path.Combine(folder, "medmcqa_tiny_train.jsonl"));
            // Same ladder, but free-text answers: another task kind, so not offered.
            var freeText = File.ReadAllLines(Fixture.Path("mmlu_tiny_train.jsonl")).Select(l => System.Text.RegularExpressions.Regex.Replace(l, "\"answer\": \"[^\"]*\"", "\"answer\": \"Charles Dickens wrote it\""));
            File.WriteAllLines(Path.Combine(folder, "trivia_tiny_train.jsonl"), freeText);

            var pair = RecordingLoader.Pair(RecordingLoader.FindFiles(folder).Select(RecordingLoader.Load), out _).ShouldHaveSingleItem();

            pair.Auxiliary.ShouldHaveSingleItem().Name.ShouldBe("medmcqa_tiny");
            pair.Auxiliary[0].Models.ShouldBe(pair.Models);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
