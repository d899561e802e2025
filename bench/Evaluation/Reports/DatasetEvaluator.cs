using Cascade.Evaluation.Data;
using Cascade.Evaluation.Policies;
using Cascade.Evaluation.Scoring;

namespace Cascade.Evaluation.Reports;

/// <summary>Evaluates one dataset pair: scores both splits, searches on train, reports on test.</summary>
public static class DatasetEvaluator
{
    /// <summary>The headline's tolerance: a policy counts when its test accuracy is within this many points of the reference's.</summary>
    public const double HeadlineTolerancePoints = 1.0;

    /// <summary>Evaluates a pair.</summary>
    /// <remarks>When <see cref="SearchOptions.GuaranteeSampleSize"/> is not set, the guarantee is stated for a sample the size of the test file: its size is read, never its contents.</remarks>
    public static DatasetResult Evaluate(DatasetPair pair, SearchOptions? options = null, Action<double>? progress = null)
    {
        options = (options ?? new SearchOptions()).Clone();
        options.GuaranteeSampleSize ??= pair.Test.Questions.Count;
        var pricing = ReplayPricing.Fit(pair);
        var train = ScoredSplit.Create(pair.Train, pricing);
        var test = ScoredSplit.Create(pair.Test, pricing);
        var auxiliary = pair.Auxiliary.Select(a => ScoredSplit.Create(a, a.Models.Select(ReplayPricing.CostUnits).ToArray())).ToArray();
        var search = new PolicySearch(train, options, auxiliary);
        var calibrations = search.Run(progress);

        var singles = Enumerable.Range(0, pair.Models.Count).Select(m => PolicyRunner.Single(test, m)).ToArray();
        // The reference is chosen like everything else: on train. It is measured on test.
        int reference = search.BestSingleModel();

        var families = new List<FamilyResult>();
        foreach (var calibration in calibrations)
        {
            var front = calibration.Front.Select(p => Evaluated(p, test, pair.Models)).ToArray();
            var chosen = front[calibration.Front.ToList().IndexOf(calibration.Chosen)];
            var headline = front.Where(p => p.Test.Accuracy >= singles[reference].Accuracy - (HeadlineTolerancePoints / 100) - 1e-12)
                .OrderBy(p => p.Test.TotalCostUnits)
                .FirstOrDefault();
            families.Add(new FamilyResult(calibration.Family, front, chosen, headline, calibration.PoliciesTried)
            {
                Calibration = calibration,
                Guaranteed = calibration.Guaranteed is { } g ? Evaluated(g, test, pair.Models) : null,
            });
        }

        double tolerance = options.CrossValidatedTolerancePoints;
        var headlineFamily = calibrations
            .Where(c => !double.IsNaN(c.HeldOutCostRatio) && c.HeldOutAccuracyDeltaPoints >= -tolerance - 1e-9)
            .OrderBy(c => c.HeldOutCostRatio)
            .Select(c => (GateFamily?)c.Family)
            .FirstOrDefault() ?? GateFamily.Routed;

        return new DatasetResult
        {
            Name = pair.Name,
            Models = pair.Models,
            Pricing = pricing,
            Train = (pair.Train.Questions.Count, pair.Train.Skipped.Count),
            Auxiliary = pair.Auxiliary.Select(a => $"{a.Name}_{a.Split} ({a.Questions.Count})").ToArray(),
            LearnedRungs = LearnedRungs(families, headlineFamily, pair.Models),
            Test = (pair.Test.Questions.Count, pair.Test.Skipped.Count),
            Singles = singles,
            Oracle = PolicyRunner.Oracle(test, out _),
            ReferenceModel = reference,
            Families = families,
            HeadlineFamily = headlineFamily,
            GuaranteeFamily = calibrations.Any(c => c.Family == GateFamily.Combined) ? GateFamily.Combined : headlineFamily,
            GuaranteeConfidence = options.GuaranteeConfidence,
            GuaranteeTolerancePoints = options.GuaranteeTolerancePoints,
            GuaranteeSampleSize = options.GuaranteeSampleSize.Value,
        };
    }

    /// <summary>Describes the learned rungs of the headline family's reported policies: which features, penalty and data each chose on train.</summary>
    private static string[] LearnedRungs(IEnumerable<FamilyResult> families, GateFamily headlineFamily, IReadOnlyList<string> models)
    {
        var headline = families.FirstOrDefault(f => f.Family == headlineFamily) ?? families.FirstOrDefault(f => f.Family == GateFamily.Routed) ?? families.FirstOrDefault(f => f.Family == GateFamily.Learned);
        if (headline is null)
        {
            return [];
        }

        return new[] { headline.Chosen, headline.HeadlinePoint }
            .OfType<EvaluatedPolicy>()
            .SelectMany(p => new[] { p.Policy, p.Policy.Router?.Skipped }.OfType<CascadePolicy>())
            .SelectMany(p => p.Scorers.Select((s, i) => (Prefix: string.Join(" → ", p.Tiers.Take(i + 1).Select(t => models[t])), Scorer: s as LearnedScorer)))
            .Where(x => x.Scorer is not null)
            .Select(x => FormattableString.Invariant($"{x.Prefix}: {x.Scorer!.Features.Name}, L2 {x.Scorer.L2}{(x.Scorer.Pooled ? ", pooled with auxiliary train files" : string.Empty)}"))
            .Distinct()
            .ToArray();
    }

    private static EvaluatedPolicy Evaluated(FrontPoint point, ScoredSplit test, IReadOnlyList<string> models) =>
        new(point.Policy, point.Policy.Describe(models), point.Train, PolicyRunner.Run(point.Policy, test));
}
