using System.Text.Json;
using Cascade.Evaluation.Reports;

namespace Cascade.Evaluation.Tests.Reports;

public sealed class ReportWriterTests
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

    [Fact]
    public void Markdown_HasTheHeadlineRowAndEveryReference()
    {
        string text = MarkdownReport.Render([Result], new Dictionary<string, IReadOnlyList<ReplayCheck>>());

        text.ShouldContain("| mmlu_tiny | big |");
        text.ShouldContain("| **mean** |");
        text.ShouldContain("oracle (cheapest right model)");
        foreach (var model in Result.Models)
        {
            text.ShouldContain($"| {model} |", Case.Sensitive, customMessage: model);
        }
    }

    [Fact]
    public void Json_MeanIsTheMeanOfTheHeadlines()
    {
        using var json = JsonDocument.Parse(JsonSummary.Render([Result, Result], new Dictionary<string, IReadOnlyList<ReplayCheck>>()));

        double expected = Result.Headline.HeadlinePoint is { } h ? Result.Ratio(h.Test) : 1.0;
        json.RootElement.GetProperty("MeanHeadlineCostRatio").GetDouble().ShouldBe(expected, 1e-12);
        json.RootElement.GetProperty("Datasets").GetArrayLength().ShouldBe(2);
    }
}
