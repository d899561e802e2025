using Cascade.Verifier.Calibration;

namespace Cascade.Verifier.Tests.Calibration;

public sealed class CalibrationCommandTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "recorded");
    private readonly string _directory = Directory.CreateTempSubdirectory("cascade-calibrate-").FullName;

    [Fact]
    public async Task Run_WritesTheCalibrationAndTheReport()
    {
        string file = Path.Combine(_directory, "calibration.json");
        string report = Path.Combine(_directory, "report.md");
        var output = new StringWriter();
        var error = new StringWriter();

        int code = await CalibrationCommand.RunAsync(
            ["--data", Fixtures, "--out", file, "--max-false-accept", "0.05", "--report", report, "--routerbench-models", "cheap,strong"], output, error);

        code.ShouldBe(0, error.ToString());
        GateCalibration.Load(file).Workloads.Keys.Order().ShouldBe(["arc_challenge", "mmlu", "triviaqa"]);
        output.ToString().ShouldContain("train arc_challenge: 29 questions, 1 rows skipped (blank score)");
        File.ReadAllText(report).ShouldContain("| mmlu_tiny | 1 | tiny-1b |");
    }

    [Theory]
    [InlineData(new[] { "--out", "x.json" }, "--data")]
    [InlineData(new[] { "--data", "/tmp", "--max-false-accept", "1.5" }, "--max-false-accept must be above 0 and below 1")]
    [InlineData(new[] { "--data", "/tmp", "--max-false-accept", "lots" }, "lots")]
    [InlineData(new[] { "--data", "/tmp", "--frobnicate" }, "--frobnicate")]
    public async Task Run_BadArgumentsExitWithTwoAndSayWhy(string[] args, string message)
    {
        var error = new StringWriter();

        int code = await CalibrationCommand.RunAsync(args, new StringWriter(), error);

        code.ShouldBe(2);
        error.ToString().ShouldContain(message);
        error.ToString().ShouldContain("Usage:");
    }

    [Fact]
    public async Task Run_MissingDataDirectoryExitsWithOne()
    {
        var error = new StringWriter();

        int code = await CalibrationCommand.RunAsync(["--data", Path.Combine(_directory, "none"), "--out", Path.Combine(_directory, "c.json")], new StringWriter(), error);

        code.ShouldBe(1);
        error.ToString().ShouldContain("does not exist");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
