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
}
