namespace Cascade.Evaluation.Reports;

/// <summary>One dataset's line of the headline: the guaranteed and the cross-validated operating points on test, with bootstrap intervals.</summary>
/// <param name="Dataset">The dataset.</param>
/// <param name="Accuracy">The guaranteed point's test accuracy, or <see langword="null"/> without a guaranteed point.</param>
/// <param name="CostRatio">The guaranteed point's test cost relative to the reference, or <see langword="null"/>.</param>
/// <param name="CrossValidatedAccuracy">The cross-validated selection's (no guarantee) test accuracy.</param>
/// <param name="CrossValidatedCostRatio">The cross-validated selection's test cost ratio.</param>
public sealed record HeadlineRow(
    string Dataset,
    BootstrapInterval? Accuracy,
    BootstrapInterval? CostRatio,
    BootstrapInterval CrossValidatedAccuracy,
    BootstrapInterval CrossValidatedCostRatio);
