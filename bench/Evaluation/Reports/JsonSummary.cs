using System.Text.Json;
using System.Text.Json.Serialization;
using Cascade.Evaluation.Policies;

namespace Cascade.Evaluation.Reports;

/// <summary>Writes the machine-readable summary: per dataset the references, each family's chosen and curve points, and the headline mean.</summary>
public static class JsonSummary
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Renders the summary.</summary>
    public static string Render(IReadOnlyList<DatasetResult> results, IReadOnlyDictionary<string, IReadOnlyList<ReplayCheck>> replays, HeadlineSummary headline)
    {
        ArgumentNullException.ThrowIfNull(headline);
        var datasets = results.Select(r => new
        {
            r.Name,
            Ladder = r.Models,
            Pricing = r.Pricing.Select(p => new { p.Model, Mode = p.Mode.ToString(), p.Price.InputPerMillion, p.Price.OutputPerMillion }),
            r.Auxiliary,
            r.LearnedRungs,
            TrainQuestions = r.Train.Loaded,
            TrainSkipped = r.Train.Skipped,
            TestQuestions = r.Test.Loaded,
            TestSkipped = r.Test.Skipped,
            Reference = r.Models[r.ReferenceModel],
            Singles = r.Models.Select((m, i) => Point(r, m, r.Singles[i], null)),
            Oracle = Point(r, "oracle", r.Oracle, null),
            Families = r.Families.Select(f => new
            {
                Family = f.Family.ToString(),
                f.PoliciesTried,
                FrontSize = f.Front.Count,
                FrontStandardErrors = f.Calibration?.FrontStandardErrors,
                TrainMarginPoints = f.Calibration?.MarginPoints,
                CrossValidatedAccuracyDeltaPoints = f.Calibration is { HeldOutAccuracyDeltaPoints: var d } && !double.IsNaN(d) ? d : (double?)null,
                CrossValidatedCostRatio = f.Calibration is { HeldOutCostRatio: var c } && !double.IsNaN(c) ? c : (double?)null,
                Chosen = Point(r, f.Chosen.Description, f.Chosen.Test, f.Chosen.Train),
                Guaranteed = f.Guaranteed is { } g ? Point(r, f.Calibration?.GuaranteeIsReference == true ? "reference alone" : g.Description, g.Test, g.Train) : null,
                GuaranteeFrontStandardErrors = f.Calibration is { GuaranteeFrontStandardErrors: var gz } && !double.IsNaN(gz) ? gz : (double?)null,
                GuaranteeMarginPoints = f.Calibration is { GuaranteeMarginPoints: var gm } && !double.IsNaN(gm) ? gm : (double?)null,
                GuaranteeBoundPoints = f.Calibration is { GuaranteeBoundPoints: var gb } && !double.IsNaN(gb) ? gb : (double?)null,
                Curve = f.HeadlinePoint is { } h ? Point(r, h.Description, h.Test, h.Train) : null,
                Front = f.Front.Select(p => new { p.Description, TrainAccuracy = p.Train.Accuracy, TrainCostPerQuestion = p.Train.CostPerQuestion, TestAccuracy = p.Test.Accuracy, TestCostRatio = r.Ratio(p.Test) }),
            }),
            GuaranteeFamily = r.GuaranteeFamily.ToString(),
            GuaranteeConfidence = r.GuaranteeConfidence,
            GuaranteeTolerancePoints = r.GuaranteeTolerancePoints,
            GuaranteeSampleSize = r.GuaranteeSampleSize,
            GuaranteedLossPoints = r.Guaranteed is { } gp ? r.LossPoints(gp.Test) : (double?)null,
            GuaranteeHeld = r.GuaranteeHeld,
            HeadlineFamily = r.Headline.Family.ToString(),
            HeadlineCostRatio = r.Headline.HeadlinePoint is { } hp ? r.Ratio(hp.Test) : (double?)null,
            TrainChosenCostRatio = r.Ratio(r.Headline.Chosen.Test),
            Replay = replays.TryGetValue(r.Name, out var checks) ? checks : null,
        }).ToArray();
        var summary = new
        {
            Datasets = datasets,
            MeanHeadlineCostRatio = results.Count == 0 ? 0 : results.Average(r => r.Headline.HeadlinePoint is { } h ? r.Ratio(h.Test) : 1.0),
            MeanTrainChosenCostRatio = results.Count == 0 ? 0 : results.Average(r => r.Ratio(r.Headline.Chosen.Test)),
            Headline = new
            {
                headline.Rows,
                headline.MeanGuaranteedCostRatio,
                headline.MeanCrossValidatedCostRatio,
                headline.MeanBestReachableCostRatio,
                headline.HitRate,
                headline.CrossValidatedHitRate,
                headline.MeanTrialCostRatio,
                headline.MeanTrialCrossValidatedCostRatio,
                headline.Trials,
            },
        };
        return JsonSerializer.Serialize(summary, Options);
    }

    private static object Point(DatasetResult r, string policy, PolicyOutcome test, PolicyOutcome? train) => new
    {
        Policy = policy,
        TestAccuracy = test.Accuracy,
        TestCostPerQuestion = test.CostPerQuestion,
        TestTotalCost = test.TotalCost,
        CostRatio = r.Ratio(test),
        ResolvedPerRung = test.ResolvedPerRung,
        test.EscalationRate,
        MedianLatencySeconds = test.MedianLatency.TotalSeconds,
        P95LatencySeconds = test.P95Latency.TotalSeconds,
        TrainAccuracy = train?.Accuracy,
        TrainCostPerQuestion = train?.CostPerQuestion,
    };
}
