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
            PlotWriter.Write(Result, path);

            var bytes = File.ReadAllBytes(path);
            bytes.Length.ShouldBeGreaterThan(1000);
            bytes.Take(4).ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });

            // One panel per family, two to a row: the PNG's height (big-endian at byte 20) grows with the rows.
            int height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
            height.ShouldBe(470 * ((Result.Families.Count + 1) / 2));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
