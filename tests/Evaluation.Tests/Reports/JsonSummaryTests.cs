using System.Text.Json;
using Cascade.Evaluation.Reports;

namespace Cascade.Evaluation.Tests.Reports;

public sealed class JsonSummaryTests
{
    private static readonly DatasetResult Result = DatasetEvaluator.Evaluate(Fixture.MmluPair());

    [Fact]
    public void Json_MeanIsTheMeanOfTheHeadlines()
    {
        using var json = JsonDocument.Parse(JsonSummary.Render([Result, Result], new Dictionary<string, IReadOnlyList<ReplayCheck>>()));

        double expected = Result.Headline.HeadlinePoint is { } h ? Result.Ratio(h.Test) : 1.0;
        json.RootElement.GetProperty("MeanHeadlineCostRatio").GetDouble().ShouldBe(expected, 1e-12);
        json.RootElement.GetProperty("Datasets").GetArrayLength().ShouldBe(2);
    }
}
