using System.Text.Json;
using Cascade.Evaluation.Reports;

namespace Cascade.Evaluation.Tests.Reports;

public sealed class JsonSummaryTests
{
    private static readonly DatasetResult Result = DatasetEvaluator.Evaluate(Fixture.MmluPair());

    [Fact]
    public void Json_MeanIsTheMeanOfTheHeadlines()
    {
        using var json = JsonDocument.Parse(JsonSummary.Render([Result, Result], new Dictionary<string, IReadOnlyList<ReplayCheck>>(), HeadlineSummary.Of([Result, Result], [ResplitTrial.Of(Result, 0)])));

        double expected = Result.Headline.HeadlinePoint is { } h ? Result.Ratio(h.Test) : 1.0;
        json.RootElement.GetProperty("MeanHeadlineCostRatio").GetDouble().ShouldBe(expected, 1e-12);
        json.RootElement.GetProperty("Datasets").GetArrayLength().ShouldBe(2);
        var headline = json.RootElement.GetProperty("Headline");
        headline.GetProperty("HitRate").GetProperty("Trials").GetInt32().ShouldBe(1);
        headline.GetProperty("MeanGuaranteedCostRatio").GetProperty("Estimate").GetDouble().ShouldBe(Result.Ratio(Result.Guaranteed!.Test), 1e-12);
    }
}
