namespace Cascade.Evaluation.Reports;

/// <summary>One dataset on one train/test split: where the guaranteed and the cross-validated operating points landed on test.</summary>
/// <param name="Dataset">The dataset.</param>
/// <param name="Split">0 for the files' own split, else the re-split's number.</param>
/// <param name="LossPoints">The guaranteed point's test accuracy loss against the reference, in points.</param>
/// <param name="CostRatio">The guaranteed point's test cost relative to the reference.</param>
/// <param name="Held">Whether the loss was within the guarantee's tolerance.</param>
/// <param name="IsReference">Whether the guarantee kept the reference alone.</param>
/// <param name="CrossValidatedLossPoints">The cross-validated selection's (no guarantee) test loss, in points.</param>
/// <param name="CrossValidatedCostRatio">The cross-validated selection's test cost ratio.</param>
/// <param name="CrossValidatedHeld">Whether the cross-validated selection's loss was within the tolerance.</param>
public sealed record ResplitTrial(
    string Dataset,
    int Split,
    double LossPoints,
    double CostRatio,
    bool Held,
    bool IsReference,
    double CrossValidatedLossPoints,
    double CrossValidatedCostRatio,
    bool CrossValidatedHeld)
{
    /// <summary>Reads a trial off an evaluated dataset.</summary>
    /// <exception cref="ArgumentException">The dataset has no guaranteed point (it was evaluated without cross-validation).</exception>
    public static ResplitTrial Of(DatasetResult result, int split)
    {
        var guaranteed = result.Guaranteed ?? throw new ArgumentException($"{result.Name} has no guaranteed point: the guarantee needs the cross-validated selection (drop --no-cv).", nameof(result));
        var chosen = result.Headline.Chosen.Test;
        double tolerance = result.GuaranteeTolerancePoints + 1e-9;
        return new ResplitTrial(
            result.Name,
            split,
            result.LossPoints(guaranteed.Test),
            result.Ratio(guaranteed.Test),
            result.LossPoints(guaranteed.Test) <= tolerance,
            result.Guarantee.Calibration?.GuaranteeIsReference ?? false,
            result.LossPoints(chosen),
            result.Ratio(chosen),
            result.LossPoints(chosen) <= tolerance);
    }
}
