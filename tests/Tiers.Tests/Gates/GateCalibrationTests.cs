namespace Cascade.Tests.Gates;

public sealed class GateCalibrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cascade-calibration-").FullName;

    [Fact]
    public void SaveAndLoad_RoundTripWithCaseInsensitiveWorkloads()
    {
        var calibration = new GateCalibration
        {
            MaxFalseAcceptRate = 0.05,
            Source = "unit test",
            Workloads = { ["mmlu"] = new WorkloadCalibration { LogprobThreshold = -0.7, Models = { ["m1"] = new ModelCalibration { LogprobThreshold = -0.2, Samples = 10, Precision = 0.96 } } } },
        };
        string path = Path.Combine(_directory, "sub", "calibration.json");

        calibration.Save(path);
        GateCalibration loaded = GateCalibration.Load(path);

        File.ReadAllText(path).ShouldContain("\"logprob_threshold\": -0.7");
        loaded.MaxFalseAcceptRate.ShouldBe(0.05);
        loaded.LogprobThreshold("MMLU", "m1").ShouldBe(-0.2);
        loaded.LogprobThreshold("mmlu", "m2").ShouldBe(-0.7);
        loaded.LogprobThreshold("trivia", "m1").ShouldBeNull();
        loaded.LogprobThreshold(null, "m1").ShouldBeNull();
    }

    [Fact]
    public void Load_MissingOrInvalidFileSaysWhatToDo()
    {
        Should.Throw<FileNotFoundException>(() => GateCalibration.Load(Path.Combine(_directory, "none.json"))).Message.ShouldContain("calibrate");
        string bad = Path.Combine(_directory, "bad.json");
        File.WriteAllText(bad, "{ nope");
        Should.Throw<InvalidDataException>(() => GateCalibration.Load(bad)).Message.ShouldContain("not valid");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
