namespace Cascade.Evaluation.Policies;

/// <summary>What the search found for one gate family on the train split.</summary>
/// <param name="Family">The family.</param>
/// <param name="Front">The train Pareto front, cheapest first: no other policy of the family is both cheaper and more accurate.</param>
/// <param name="Chosen">The operating point chosen on train: the cheapest front policy within the margin of the best single model's train accuracy.</param>
/// <param name="PoliciesTried">How many policies were evaluated.</param>
public sealed record FamilyCalibration(GateFamily Family, IReadOnlyList<FrontPoint> Front, FrontPoint Chosen, long PoliciesTried);
