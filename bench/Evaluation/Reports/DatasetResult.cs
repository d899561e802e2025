using Cascade.Evaluation.Data;
using Cascade.Evaluation.Policies;

namespace Cascade.Evaluation.Reports;

/// <summary>Everything the evaluation found for one dataset: references, every family's front and chosen point, and the headline.</summary>
public sealed class DatasetResult
{
    /// <summary>Gets the dataset's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the ladder, cheapest first.</summary>
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>Gets how each model is billed in the replay.</summary>
    public required IReadOnlyList<ModelPricing> Pricing { get; init; }

    /// <summary>Gets the train questions loaded and skipped.</summary>
    public required (int Loaded, int Skipped) Train { get; init; }

    /// <summary>Gets the other train files the learned gate could pool (name and size).</summary>
    public IReadOnlyList<string> Auxiliary { get; init; } = [];

    /// <summary>Gets, per learned rung (tiers tried so far), the feature set, penalty and whether auxiliary rows were pooled.</summary>
    public IReadOnlyList<string> LearnedRungs { get; init; } = [];

    /// <summary>Gets the test questions loaded and skipped.</summary>
    public required (int Loaded, int Skipped) Test { get; init; }

    /// <summary>Gets each model's outcome on test, in ladder order.</summary>
    public required IReadOnlyList<PolicyOutcome> Singles { get; init; }

    /// <summary>Gets the oracle's outcome on test (resolved counts per ladder model).</summary>
    public required PolicyOutcome Oracle { get; init; }

    /// <summary>Gets the reference, "the best single model": the one with the best train accuracy (the cheaper on a tie), measured on test.</summary>
    public required int ReferenceModel { get; init; }

    /// <summary>Gets every family's result.</summary>
    public required IReadOnlyList<FamilyResult> Families { get; init; }

    /// <summary>Gets the reference's test outcome.</summary>
    public PolicyOutcome Reference => Singles[ReferenceModel];

    /// <summary>Gets a cost relative to the reference's.</summary>
    public double Ratio(PolicyOutcome outcome) => Reference.TotalCostUnits == 0 ? 0 : (double)outcome.TotalCostUnits / Reference.TotalCostUnits;

    /// <summary>
    /// Gets the family the headline reports, chosen on train: with cross-validation, the family whose cross-validated
    /// selection is cheapest among those whose held-out accuracy is within the tolerance of the reference's (ties go
    /// to the earlier family); otherwise (or when none is) up-front routing plus the learned cascade (its front
    /// includes the unrouted learned policies).
    /// </summary>
    public FamilyResult Headline => Families.FirstOrDefault(f => f.Family == HeadlineFamily) ?? Families.FirstOrDefault(f => f.Family == GateFamily.Routed) ?? Families.Single(f => f.Family == GateFamily.Learned);

    /// <summary>Gets the family chosen on train for the headline (see <see cref="Headline"/>).</summary>
    public GateFamily HeadlineFamily { get; init; } = GateFamily.Routed;

    /// <summary>Gets the family whose guaranteed point is the headline: <see cref="GateFamily.Combined"/>, fixed before any data is read (one front over every family's candidates, so no family is picked after the fact), or <see cref="HeadlineFamily"/> when it was not searched.</summary>
    public GateFamily GuaranteeFamily { get; init; } = GateFamily.Combined;

    /// <summary>Gets the guarantee family's result (see <see cref="GuaranteeFamily"/>).</summary>
    public FamilyResult Guarantee => Families.FirstOrDefault(f => f.Family == GuaranteeFamily) ?? Headline;

    /// <summary>Gets the guaranteed operating point's test outcome, or <see langword="null"/> when the selection was not cross-validated.</summary>
    public EvaluatedPolicy? Guaranteed => Guarantee.Guaranteed;

    /// <summary>Gets the guarantee's confidence.</summary>
    public double GuaranteeConfidence { get; init; } = 0.9;

    /// <summary>Gets the most points the guaranteed point may lose against the reference.</summary>
    public double GuaranteeTolerancePoints { get; init; } = 1;

    /// <summary>Gets the number of questions the guarantee was stated for (0: the population loss).</summary>
    public int GuaranteeSampleSize { get; init; }

    /// <summary>Gets an outcome's accuracy loss against the reference on test, in points (negative: more accurate).</summary>
    public double LossPoints(PolicyOutcome outcome) => 100.0 * (Reference.Correct - outcome.Correct) / Reference.Questions;

    /// <summary>Gets whether the guaranteed point's test loss is within the tolerance (<see langword="null"/> without a guaranteed point).</summary>
    public bool? GuaranteeHeld => Guaranteed is { } g ? LossPoints(g.Test) <= GuaranteeTolerancePoints + 1e-9 : null;
}

/// <summary>One gate family on one dataset.</summary>
/// <param name="Family">The family.</param>
/// <param name="Front">The train front, each point with its test outcome.</param>
/// <param name="Chosen">The point chosen on train.</param>
/// <param name="HeadlinePoint">The cheapest front point whose test accuracy is within one point of the reference, or <see langword="null"/>.</param>
/// <param name="PoliciesTried">How many policies the search evaluated.</param>
public sealed record FamilyResult(GateFamily Family, IReadOnlyList<EvaluatedPolicy> Front, EvaluatedPolicy Chosen, EvaluatedPolicy? HeadlinePoint, long PoliciesTried)
{
    /// <summary>Gets how the family's front and operating point were selected on train (standard errors, margin, cross-validated figures).</summary>
    public FamilyCalibration? Calibration { get; init; }

    /// <summary>Gets the guaranteed operating point with its test outcome (see <see cref="RiskGuarantee"/>), or <see langword="null"/> without cross-validation.</summary>
    public EvaluatedPolicy? Guaranteed { get; init; }
}

/// <summary>A policy fitted on train with its train and test outcomes.</summary>
/// <param name="Policy">The policy.</param>
/// <param name="Description">The policy with model names.</param>
/// <param name="Train">The train outcome (cross-validated for learned gates).</param>
/// <param name="Test">The test outcome.</param>
public sealed record EvaluatedPolicy(CascadePolicy Policy, string Description, PolicyOutcome Train, PolicyOutcome Test);
