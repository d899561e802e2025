namespace Cascade.Evaluation.Policies;

/// <summary>A policy on the train Pareto front, with its train outcome (cross-validated for learned gates).</summary>
/// <param name="Policy">The policy.</param>
/// <param name="Train">What it did on the train split.</param>
public sealed record FrontPoint(CascadePolicy Policy, PolicyOutcome Train)
{
    /// <summary>Gets the train right answers minus the front's standard errors of the paired difference with the reference (the score the front ranks by).</summary>
    public double ConservativeCorrect { get; init; } = Train.Correct;
}
