using Cascade.Evaluation.Reports;

namespace Cascade.Evaluation.Tests.Reports;

public sealed class PlotWriterTests
{
    private static readonly DatasetResult Result = DatasetEvaluator.Evaluate(Fixture.MmluPair());

    [Fact]
    public void Plot_RendersAPng()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cascade-eval-{Guid.NewGuid():N}.png");
        try
        {
            PlotWriter.Write(Result, path, 400, 300);

            var bytes = File.ReadAllBytes(path);
            bytes.Length.ShouldBeGreaterThan(1000);
            bytes.Take(4).ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
