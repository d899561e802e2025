namespace Cascade.Evaluation.Reports;

/// <summary>
/// The headline over every dataset: per dataset the guaranteed and cross-validated operating points with bootstrap
/// intervals, the means over datasets with theirs, the best reachable mean (read on test, apart), and how often the
/// guarantee held over the files' own split and the re-splits.
/// </summary>
public sealed class HeadlineSummary
{
    /// <summary>The bootstrap seed.</summary>
    public const int BootstrapSeed = 2026;

    private HeadlineSummary(
        IReadOnlyList<HeadlineRow> rows,
        BootstrapInterval? meanGuaranteed,
        BootstrapInterval meanCrossValidated,
        double meanBestReachable,
        IReadOnlyList<ResplitTrial> trials,
        double confidence)
    {
        Rows = rows;
        MeanGuaranteedCostRatio = meanGuaranteed;
        MeanCrossValidatedCostRatio = meanCrossValidated;
        MeanBestReachableCostRatio = meanBestReachable;
        Trials = trials;
        HitRate = HitRate.Of(trials.Select(t => t.Held), confidence);
        CrossValidatedHitRate = HitRate.Of(trials.Select(t => t.CrossValidatedHeld), confidence);
        MeanTrialCostRatio = trials.Count == 0 ? double.NaN : trials.Average(t => t.CostRatio);
        MeanTrialCrossValidatedCostRatio = trials.Count == 0 ? double.NaN : trials.Average(t => t.CrossValidatedCostRatio);
    }

    /// <summary>Gets one row per dataset, in the order of the results.</summary>
    public IReadOnlyList<HeadlineRow> Rows { get; }

    /// <summary>Gets the mean over datasets of the guaranteed point's test cost ratio, with its bootstrap interval; <see langword="null"/> when a dataset has no guaranteed point.</summary>
    public BootstrapInterval? MeanGuaranteedCostRatio { get; }

    /// <summary>Gets the mean over datasets of the cross-validated selection's test cost ratio, with its bootstrap interval.</summary>
    public BootstrapInterval MeanCrossValidatedCostRatio { get; }

    /// <summary>Gets the mean best reachable cost ratio, read on test (a dataset without a point within the tolerance counts as 1).</summary>
    public double MeanBestReachableCostRatio { get; }

    /// <summary>Gets every dataset split the guarantee was checked on: the files' own and the re-splits.</summary>
    public IReadOnlyList<ResplitTrial> Trials { get; }

    /// <summary>Gets how often the guarantee held over <see cref="Trials"/>.</summary>
    public HitRate HitRate { get; }

    /// <summary>Gets how often the cross-validated selection (no guarantee) was within the tolerance over <see cref="Trials"/>.</summary>
    public HitRate CrossValidatedHitRate { get; }

    /// <summary>Gets the mean guaranteed cost ratio over <see cref="Trials"/>.</summary>
    public double MeanTrialCostRatio { get; }

    /// <summary>Gets the mean cross-validated cost ratio over <see cref="Trials"/>.</summary>
    public double MeanTrialCrossValidatedCostRatio { get; }

    /// <summary>Summarises the results and the re-split trials.</summary>
    public static HeadlineSummary Of(IReadOnlyList<DatasetResult> results, IReadOnlyList<ResplitTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(trials);
        var crossValidated = PairedBootstrap.Of(results.Select(r => (r.Headline.Chosen.Test, r.Reference)).ToArray(), BootstrapSeed);
        bool guaranteed = results.All(r => r.Guaranteed is not null);
        var guarantee = guaranteed ? PairedBootstrap.Of(results.Select(r => (r.Guaranteed!.Test, r.Reference)).ToArray(), BootstrapSeed) : default;
        var rows = results.Select((r, i) => new HeadlineRow(
            r.Name,
            guaranteed ? guarantee.PerDataset[i].Accuracy : null,
            guaranteed ? guarantee.PerDataset[i].CostRatio : null,
            crossValidated.PerDataset[i].Accuracy,
            crossValidated.PerDataset[i].CostRatio)).ToArray();
        double bestReachable = results.Count == 0 ? 0 : results.Average(r => r.Headline.HeadlinePoint is { } h ? r.Ratio(h.Test) : 1.0);
        double confidence = results.Count == 0 ? 0.9 : results[0].GuaranteeConfidence;
        return new HeadlineSummary(rows, guaranteed ? guarantee.MeanCostRatio : null, crossValidated.MeanCostRatio, bestReachable, trials, confidence);
    }
}
