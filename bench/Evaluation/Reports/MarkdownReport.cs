using System.Globalization;
using System.Text;
using Cascade.Evaluation.Policies;

namespace Cascade.Evaluation.Reports;

/// <summary>Writes the per-dataset tables and the headline as Markdown.</summary>
public static class MarkdownReport
{
    /// <summary>Renders the headline (guaranteed points, re-split hit rate, best reachable apart), then every dataset's tables.</summary>
    public static string Render(IReadOnlyList<DatasetResult> results, IReadOnlyDictionary<string, IReadOnlyList<ReplayCheck>> replays, HeadlineSummary headline)
    {
        ArgumentNullException.ThrowIfNull(headline);
        var text = new StringBuilder();
        double confidence = results.Count > 0 ? results[0].GuaranteeConfidence : 0.9;
        double tolerance = results.Count > 0 ? results[0].GuaranteeTolerancePoints : 1;
        text.AppendLine("## Headline: the train-chosen operating point (test files)").AppendLine();
        text.AppendLine(Invariant($"Reference: the single model with the best train accuracy, measured on test. *Guaranteed*: the `{(results.Count > 0 ? results[0].GuaranteeFamily : GateFamily.Combined)}` family's operating point chosen on train alone so that, with {confidence:0.##%} confidence, its accuracy on a test sample of the test file's size is at most {tolerance:0.##} point(s) below the reference's (Learn-then-Test over the cross-validated selection rules; the reference alone when no cheaper rule is certified). *Cross-validated*: the previous train-chosen point (the headline family's cheapest rule whose pooled held-out accuracy is within the tolerance; no guarantee). Intervals: 95 % paired bootstrap over the test questions ({PairedBootstrap.Resamples} resamples).")).AppendLine();
        text.AppendLine("| dataset | reference | ref. accuracy | guaranteed cost ratio [95 % CI] | guaranteed accuracy [95 % CI] | loss (points) | held | cross-validated cost ratio [95 % CI] | cross-validated accuracy | held | replay = search |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---|---:|---:|---|---|");
        foreach (var (r, row) in results.Zip(headline.Rows))
        {
            string replay = replays.TryGetValue(r.Name, out var checks) && checks.Count > 0 ? (checks.All(c => c.Matches) ? $"yes ({checks.Count} {(checks.Count == 1 ? "policy" : "policies")})" : "NO") : "not run";
            var chosen = r.Headline.Chosen.Test;
            string guaranteed = r.Guaranteed is { } g
                ? Invariant($"{Interval(row.CostRatio!, Ratio)} | {Interval(row.Accuracy!, Pct)} | {r.LossPoints(g.Test):+0.0;-0.0;0.0} | {(r.GuaranteeHeld == true ? "yes" : "**no**")}")
                : "- | - | - | -";
            text.AppendLine(Invariant($"| {r.Name} | {r.Models[r.ReferenceModel]} | {Pct(r.Reference.Accuracy)} | {guaranteed} | {Interval(row.CrossValidatedCostRatio, Ratio)} | {Pct(chosen.Accuracy)} | {(r.LossPoints(chosen) <= r.GuaranteeTolerancePoints + 1e-9 ? "yes" : "no")} | {replay} |"));
        }

        if (results.Count > 0)
        {
            string mean = headline.MeanGuaranteedCostRatio is { } m ? "**" + Interval(m, Ratio) + "**" : "-";
            text.AppendLine(Invariant($"| **mean** | | | {mean} | | | {results.Count(r => r.GuaranteeHeld == true)} of {results.Count} | {Interval(headline.MeanCrossValidatedCostRatio, Ratio)} | | {results.Count(r => r.LossPoints(r.Headline.Chosen.Test) <= r.GuaranteeTolerancePoints + 1e-9)} of {results.Count} | |"));
            text.AppendLine();
            RenderHitRate(text, results, headline, confidence, tolerance);
            text.AppendLine("### Best reachable (read on test)").AppendLine();
            text.AppendLine("The cheapest policy on the headline family's train front whose *test* accuracy is within the tolerance of the reference's: a selection on test among train-fitted policies, so an upper bound on what the train-chosen point could reach, not a deployable figure. A dataset with no such point counts as 1.000 in the mean.").AppendLine();
            text.AppendLine("| dataset | family | best reachable cost ratio | its accuracy | oracle cost ratio |");
            text.AppendLine("|---|---|---:|---:|---:|");
            foreach (var r in results)
            {
                var h = r.Headline.HeadlinePoint;
                text.AppendLine(Invariant($"| {r.Name} | {r.Headline.Family} | {(h is null ? "none" : Ratio(r.Ratio(h.Test)))} | {(h is null ? "-" : Pct(h.Test.Accuracy))} | {Ratio(r.Ratio(r.Oracle))} |"));
            }

            text.AppendLine(Invariant($"| **mean** | | {Ratio(headline.MeanBestReachableCostRatio)} | | {Ratio(results.Average(r => r.Ratio(r.Oracle)))} |"));
        }

        text.AppendLine();
        foreach (var r in results)
        {
            text.AppendLine(Invariant($"## {r.Name}")).AppendLine();
            text.AppendLine(Invariant($"Train {r.Train.Loaded} questions ({r.Train.Skipped} skipped), test {r.Test.Loaded} ({r.Test.Skipped} skipped). Ladder: {string.Join(", ", r.Models.Select((m, i) => $"{m} ({(r.Pricing[i].Mode == Data.PricingMode.Tokens ? "tokens" : "cost units")})"))}.")).AppendLine();
            if (r.Auxiliary.Count > 0)
            {
                text.AppendLine(Invariant($"Auxiliary train files the learned gate may pool: {string.Join(", ", r.Auxiliary)}.")).AppendLine();
            }

            if (r.LearnedRungs.Count > 0)
            {
                text.AppendLine("Learned rungs of the reported policies (chosen by cross-validated log-loss on train):").AppendLine();
                foreach (var rung in r.LearnedRungs)
                {
                    text.AppendLine("- " + rung);
                }

                text.AppendLine();
            }

            if (r.Families.Any(f => f.Calibration is { HeldOutCostRatio: var c } && !double.IsNaN(c)))
            {
                text.AppendLine("Selection on train (5-fold cross-validation of the front's standard errors and the operating point's margin; held-out figures pooled over the folds):").AppendLine();
                text.AppendLine("| family | front standard errors | train margin (points) | held-out accuracy − reference (points) | held-out cost ratio | cross-validated headline | guarantee: certified rule (standard errors, margin) | its loss bound (points) | its held-out cost ratio | rules tested | guaranteed headline |");
                text.AppendLine("|---|---:|---:|---:|---:|---|---|---:|---:|---:|---|");
                foreach (var f in r.Families.Where(f => f.Calibration is not null))
                {
                    var c = f.Calibration!;
                    string rule = c.Guaranteed is null ? "- | - | - | -" : c.GuaranteeIsReference ? Invariant($"none: reference alone | - | 1.000 | {c.GuaranteeRulesTested}") : Invariant($"{c.GuaranteeFrontStandardErrors:0.#}, {c.GuaranteeMarginPoints:+0.0;-0.0;0.0} | {c.GuaranteeBoundPoints:+0.00;-0.00;0.00} | {Ratio(c.GuaranteeHeldOutCostRatio)} | {c.GuaranteeRulesTested}");
                    text.AppendLine(Invariant($"| {f.Family} | {c.FrontStandardErrors:0.#} | {c.MarginPoints:+0.0;-0.0;0.0} | {c.HeldOutAccuracyDeltaPoints:+0.00;-0.00;0.00} | {Ratio(c.HeldOutCostRatio)} | {(f == r.Headline ? "yes" : string.Empty)} | {rule} | {(f == r.Guarantee ? "yes" : string.Empty)} |"));
                }

                text.AppendLine();
            }

            text.AppendLine("| policy (test) | accuracy | cost / question (USD) | cost ratio | resolved per rung | escalation rate | latency p50 / p95 (s) |");
            text.AppendLine("|---|---:|---:|---:|---|---:|---:|");
            for (int m = 0; m < r.Models.Count; m++)
            {
                text.AppendLine(Row(r, (m == r.ReferenceModel ? "**" + r.Models[m] + "** (reference)" : r.Models[m]), r.Singles[m]));
            }

            text.AppendLine(Row(r, "oracle (cheapest right model)", r.Oracle));
            foreach (var f in r.Families)
            {
                if (f.Guaranteed is { } g)
                {
                    text.AppendLine(Row(r, $"{f.Family} guaranteed: {(f.Calibration?.GuaranteeIsReference == true ? "reference alone" : g.Description)}", g.Test));
                }

                text.AppendLine(Row(r, $"{f.Family} cross-validated: {f.Chosen.Description}", f.Chosen.Test));
                if (f.HeadlinePoint is { } h)
                {
                    text.AppendLine(Row(r, $"{f.Family} best reachable (read on test): {h.Description}", h.Test));
                }
            }

            text.AppendLine();
            if (replays.TryGetValue(r.Name, out var list))
            {
                foreach (var c in list)
                {
                    text.AppendLine(Invariant($"- replay through `UseCascade` of {c.Policy}: search {c.SearchCost:0.############} USD, {c.SearchCorrect} right; middleware {c.ReplayCost:0.############} USD, {c.ReplayCorrect} right; same rung for every question: {c.SameRungEveryQuestion}; same latency for every question: {c.SameLatencyEveryQuestion} → **{(c.Matches ? "equal" : "DIFFERENT")}**"));
                }

                text.AppendLine();
            }

            text.AppendLine(Invariant($"![{r.Name}]({r.Name}.png)")).AppendLine();
        }

        return text.ToString();
    }

    private static void RenderHitRate(StringBuilder text, IReadOnlyList<DatasetResult> results, HeadlineSummary headline, double confidence, double tolerance)
    {
        int splits = headline.Trials.Count == 0 ? 0 : headline.Trials.Max(t => t.Split);
        var rate = headline.HitRate;
        text.AppendLine(Invariant($"### The guarantee over {splits} random re-splits")).AppendLine();
        text.AppendLine(Invariant($"Each dataset's train and test questions pooled and cut again at random into splits of the same sizes ({splits} times, seeds 1001 to {1000 + splits}), the whole selection re-run on each new train split and checked on its test split; with the files' own split, {rate.Trials} dataset splits. *Held*: the guaranteed point's test accuracy is at most {tolerance:0.##} point(s) below the reference's.")).AppendLine();
        text.AppendLine("| dataset | guarantee held | mean guaranteed cost ratio | reference kept | cross-validated choice held | its mean cost ratio |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var trials = headline.Trials.Where(t => t.Dataset == r.Name).ToArray();
            if (trials.Length == 0)
            {
                continue;
            }

            text.AppendLine(Invariant($"| {r.Name} | {trials.Count(t => t.Held)} of {trials.Length} | {Ratio(trials.Average(t => t.CostRatio))} | {trials.Count(t => t.IsReference)} of {trials.Length} | {trials.Count(t => t.CrossValidatedHeld)} of {trials.Length} | {Ratio(trials.Average(t => t.CrossValidatedCostRatio))} |"));
        }

        var cv = headline.CrossValidatedHitRate;
        text.AppendLine(Invariant($"| **all** | **{rate.Hits} of {rate.Trials} ({Pct(rate.Share)})** | {Ratio(headline.MeanTrialCostRatio)} | {headline.Trials.Count(t => t.IsReference)} of {rate.Trials} | {cv.Hits} of {cv.Trials} ({Pct(cv.Share)}) | {Ratio(headline.MeanTrialCrossValidatedCostRatio)} |")).AppendLine();
        text.AppendLine(Invariant($"Hit rate {Pct(rate.Share)} (95 % Clopper–Pearson {Pct(rate.Low)} to {Pct(rate.High)}) against the stated {Pct(confidence)}: one-sided binomial p = {rate.PValue:0.000} for so few hits or fewer if the guarantee held at exactly {Pct(confidence)} ({(rate.Share >= confidence ? "at or above the confidence" : rate.PValue >= 0.05 ? "below it, within binomial noise" : "**below it beyond binomial noise**")}). Without the guarantee, the cross-validated choice: {Pct(cv.Share)} (p = {cv.PValue:0.000}).")).AppendLine();
    }

    private static string Interval(BootstrapInterval interval, Func<double, string> format) => $"{format(interval.Estimate)} [{format(interval.Low)}, {format(interval.High)}]";

    private static string Row(DatasetResult r, string name, PolicyOutcome o) =>
        Invariant($"| {name.Replace("|", "\\|", StringComparison.Ordinal)} | {Pct(o.Accuracy)} | {o.CostPerQuestion:0.000000000} | {Ratio(r.Ratio(o))} | {string.Join(" / ", o.ResolvedPerRung.Select(n => Pct((double)n / o.Questions)))} | {Pct(o.EscalationRate)} | {(o.P95Latency == TimeSpan.Zero ? "-" : $"{o.MedianLatency.TotalSeconds:0.00} / {o.P95Latency.TotalSeconds:0.00}")} |");

    private static string Pct(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Ratio(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
