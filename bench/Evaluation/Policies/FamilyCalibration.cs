namespace Cascade.Evaluation.Policies;

/// <summary>What the search found for one gate family on the train split.</summary>
/// <param name="Family">The family.</param>
/// <param name="Front">The train Pareto front, cheapest first: no other policy of the family is both cheaper and higher on the conservative score (<see cref="FrontPoint.ConservativeCorrect"/>).</param>
/// <param name="Chosen">The operating point chosen on train: the cheapest front policy whose conservative train score is at least the reference's plus <see cref="MarginPoints"/>.</param>
/// <param name="PoliciesTried">How many policies were evaluated on the whole train split.</param>
public sealed record FamilyCalibration(GateFamily Family, IReadOnlyList<FrontPoint> Front, FrontPoint Chosen, long PoliciesTried)
{
    /// <summary>Gets the train accuracy, in points above the reference's (negative: below), the operating point must reach.</summary>
    public double MarginPoints { get; init; }

    /// <summary>Gets the standard errors of the paired difference with the reference the front subtracted (see <see cref="SearchOptions.FrontStandardErrors"/>).</summary>
    public double FrontStandardErrors { get; init; }

    /// <summary>Gets the cross-validated accuracy of the selection (cap and margin) minus the reference's, in points, pooled over the held-out folds; NaN without cross-validation.</summary>
    public double HeldOutAccuracyDeltaPoints { get; init; } = double.NaN;

    /// <summary>Gets the cross-validated cost of the selection relative to the reference's on the held-out folds; NaN without cross-validation.</summary>
    public double HeldOutCostRatio { get; init; } = double.NaN;

    /// <summary>Gets the guaranteed operating point: chosen by the rule <see cref="RiskGuarantee"/> certified on the held-out folds (or the reference alone when none was); <see langword="null"/> without cross-validation.</summary>
    public FrontPoint? Guaranteed { get; init; }

    /// <summary>Gets whether the guaranteed point is the reference alone (no cheaper rule was certified).</summary>
    public bool GuaranteeIsReference { get; init; }

    /// <summary>Gets the certified rule's front standard errors (NaN when the reference was kept).</summary>
    public double GuaranteeFrontStandardErrors { get; init; } = double.NaN;

    /// <summary>Gets the certified rule's train margin in points (NaN when the reference was kept).</summary>
    public double GuaranteeMarginPoints { get; init; } = double.NaN;

    /// <summary>Gets the certified rule's upper confidence bound of its loss, in points (NaN when the reference was kept).</summary>
    public double GuaranteeBoundPoints { get; init; } = double.NaN;

    /// <summary>Gets the certified rule's held-out cost relative to the reference (1 when the reference was kept).</summary>
    public double GuaranteeHeldOutCostRatio { get; init; } = double.NaN;

    /// <summary>Gets how many rules the fixed sequence tested before it stopped.</summary>
    public int GuaranteeRulesTested { get; init; }
}
