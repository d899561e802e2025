using Cascade.Evaluation.Policies;

namespace Cascade.Evaluation.Reports;

/// <summary>
/// Bootstrap confidence intervals of an operating point's test accuracy and cost ratio: the test questions are
/// resampled with replacement, the policy and the reference read on the same resampled questions (a paired bootstrap),
/// and the percentile interval of each figure is reported. A mean over datasets resamples each dataset on its own.
/// </summary>
/// <remarks>
/// The interval is the test file's sampling noise for the policy as chosen: it does not include the variability of
/// the choice itself on another train file (the re-splits measure that).
/// </remarks>
public static class PairedBootstrap
{
    /// <summary>The number of resamples.</summary>
    public const int Resamples = 2000;

    /// <summary>The interval's confidence level.</summary>
    public const double Level = 0.95;

    /// <summary>Per dataset, the accuracy and cost-ratio intervals of a policy against the reference, and the interval of the mean cost ratio over datasets.</summary>
    /// <param name="datasets">Per dataset, the policy's and the reference's test outcomes (run question by question).</param>
    /// <param name="seed">The resampling seed.</param>
    /// <exception cref="ArgumentException">An outcome lacks its per-question figures, or a policy and its reference were run on different questions.</exception>
    public static (IReadOnlyList<(BootstrapInterval Accuracy, BootstrapInterval CostRatio)> PerDataset, BootstrapInterval MeanCostRatio) Of(
        IReadOnlyList<(PolicyOutcome Policy, PolicyOutcome Reference)> datasets, int seed)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        foreach (var (policy, reference) in datasets)
        {
            if (policy.RightPerQuestion.Count != policy.Questions || reference.RightPerQuestion.Count != reference.Questions || policy.Questions != reference.Questions || policy.Questions == 0)
            {
                throw new ArgumentException("Each policy and its reference need per-question outcomes on the same, non-empty set of questions.", nameof(datasets));
            }
        }

        var random = new Random(seed);
        var accuracy = new double[datasets.Count][];
        var ratio = new double[datasets.Count][];
        var mean = new double[Resamples];
        for (int d = 0; d < datasets.Count; d++)
        {
            accuracy[d] = new double[Resamples];
            ratio[d] = new double[Resamples];
        }

        for (int b = 0; b < Resamples; b++)
        {
            for (int d = 0; d < datasets.Count; d++)
            {
                var (policy, reference) = datasets[d];
                int n = policy.Questions, right = 0;
                long cost = 0, referenceCost = 0;
                for (int i = 0; i < n; i++)
                {
                    int q = random.Next(n);
                    right += policy.RightPerQuestion[q] ? 1 : 0;
                    cost += policy.CostUnitsPerQuestion[q];
                    referenceCost += reference.CostUnitsPerQuestion[q];
                }

                accuracy[d][b] = (double)right / n;
                ratio[d][b] = referenceCost == 0 ? 0 : (double)cost / referenceCost;
                mean[b] += ratio[d][b] / datasets.Count;
            }
        }

        var perDataset = datasets.Select((x, d) => (
            Interval(x.Policy.Accuracy, accuracy[d]),
            Interval(Ratio(x.Policy, x.Reference), ratio[d]))).ToArray();
        double meanRatio = datasets.Count == 0 ? 0 : datasets.Average(x => Ratio(x.Policy, x.Reference));
        return (perDataset, Interval(meanRatio, mean));
    }

    private static double Ratio(PolicyOutcome policy, PolicyOutcome reference) =>
        reference.TotalCostUnits == 0 ? 0 : (double)policy.TotalCostUnits / reference.TotalCostUnits;

    private static BootstrapInterval Interval(double estimate, double[] replicates)
    {
        if (replicates.Length == 0)
        {
            return new BootstrapInterval(estimate, estimate, estimate);
        }

        var sorted = replicates.Order().ToArray();
        double tail = (1 - Level) / 2;
        return new BootstrapInterval(estimate, Quantile(sorted, tail), Quantile(sorted, 1 - tail));
    }

    private static double Quantile(double[] sorted, double share)
    {
        double position = share * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
