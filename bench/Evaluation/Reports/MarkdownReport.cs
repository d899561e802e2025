using System.Globalization;
using System.Text;
using Cascade.Evaluation.Policies;

namespace Cascade.Evaluation.Reports;

/// <summary>Writes the per-dataset tables and the headline as Markdown.</summary>
public static class MarkdownReport
{
    /// <summary>Renders every dataset's table, then the headline table with its mean.</summary>
    public static string Render(IReadOnlyList<DatasetResult> results, IReadOnlyDictionary<string, IReadOnlyList<ReplayCheck>> replays)
    {
        var text = new StringBuilder();
        text.AppendLine("## Headline (test files)").AppendLine();
        text.AppendLine("Reference: the single model with the best train accuracy, measured on test. *Family*: the gate family whose cross-validated selection on train is cheapest within 1 point of the reference's held-out accuracy (all on train). *Curve*: the cheapest policy on that family's train front whose test accuracy is within 1 point of the reference's. *Train-chosen*: that family's operating point chosen on train alone: the cheapest front policy whose conservative train score clears the reference's by the cross-validated margin.").AppendLine();
        text.AppendLine("| dataset | reference | ref. accuracy | family | curve cost ratio | curve accuracy | train-chosen cost ratio | train-chosen accuracy | train-chosen within 1 point | oracle cost ratio | replay = search |");
        text.AppendLine("|---|---|---:|---|---:|---:|---:|---:|---|---:|---|");
        foreach (var r in results)
        {
            var learned = r.Headline;
            string replay = replays.TryGetValue(r.Name, out var checks) && checks.Count > 0 ? (checks.All(c => c.Matches) ? $"yes ({checks.Count} {(checks.Count == 1 ? "policy" : "policies")})" : "NO") : "not run";
            text.AppendLine(Invariant($"| {r.Name} | {r.Models[r.ReferenceModel]} | {Pct(r.Reference.Accuracy)} | {learned.Family} | {(learned.HeadlinePoint is { } h ? Ratio(r.Ratio(h.Test)) : "none")} | {(learned.HeadlinePoint is { } h2 ? Pct(h2.Test.Accuracy) : "-")} | {Ratio(r.Ratio(learned.Chosen.Test))} | {Pct(learned.Chosen.Test.Accuracy)} | {(learned.Chosen.Test.Accuracy >= r.Reference.Accuracy - (DatasetEvaluator.HeadlineTolerancePoints / 100) - 1e-12 ? "yes" : "no")} | {Ratio(r.Ratio(r.Oracle))} | {replay} |"));
        }

        var curve = results.Select(r => r.Headline.HeadlinePoint is { } h ? r.Ratio(h.Test) : 1.0).ToArray();
        var chosen = results.Select(r => r.Ratio(r.Headline.Chosen.Test)).ToArray();
        if (results.Count > 0)
        {
            text.AppendLine(Invariant($"| **mean** | | | | **{Ratio(curve.Average())}** | | {Ratio(chosen.Average())} | | | {Ratio(results.Average(r => r.Ratio(r.Oracle)))} | |"));
            text.AppendLine().AppendLine("A dataset with no curve point within 1 point counts as 1.000 in the mean: the reference itself is the cheapest policy known to be that accurate.");
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
                text.AppendLine("| family | front standard errors | train margin (points) | held-out accuracy − reference (points) | held-out cost ratio | headline |");
                text.AppendLine("|---|---:|---:|---:|---:|---|");
                foreach (var f in r.Families.Where(f => f.Calibration is not null))
                {
                    var c = f.Calibration!;
                    text.AppendLine(Invariant($"| {f.Family} | {c.FrontStandardErrors:0.#} | {c.MarginPoints:+0.0;-0.0;0.0} | {c.HeldOutAccuracyDeltaPoints:+0.00;-0.00;0.00} | {Ratio(c.HeldOutCostRatio)} | {(f == r.Headline ? "yes" : string.Empty)} |"));
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
                text.AppendLine(Row(r, $"{f.Family} train-chosen: {f.Chosen.Description}", f.Chosen.Test));
                if (f.HeadlinePoint is { } h)
                {
                    text.AppendLine(Row(r, $"{f.Family} curve: {h.Description}", h.Test));
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

    private static string Row(DatasetResult r, string name, PolicyOutcome o) =>
        Invariant($"| {name.Replace("|", "\\|", StringComparison.Ordinal)} | {Pct(o.Accuracy)} | {o.CostPerQuestion:0.000000000} | {Ratio(r.Ratio(o))} | {string.Join(" / ", o.ResolvedPerRung.Select(n => Pct((double)n / o.Questions)))} | {Pct(o.EscalationRate)} | {(o.P95Latency == TimeSpan.Zero ? "-" : $"{o.MedianLatency.TotalSeconds:0.00} / {o.P95Latency.TotalSeconds:0.00}")} |");

    private static string Pct(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Ratio(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
