using Cascade.Evaluation.Learning;
using Cascade.Evaluation.Scoring;

namespace Cascade.Evaluation.Policies;

/// <summary>
/// Up-front routing in front of a cascade: a learned probability, from the prompt alone, that the first rung answers
/// right. Below <see cref="Threshold"/> the request skips the first rung and starts the <see cref="Skipped"/> cascade.
/// </summary>
/// <param name="Model">The learned router (trained on train prompts only).</param>
/// <param name="Threshold">Requests scoring below it skip the first rung.</param>
/// <param name="Skipped">The cascade a routed request runs: the policy's tiers without the first, with their own scorers.</param>
public sealed record PromptRouter(LogisticModel Model, double Threshold, CascadePolicy Skipped)
{
    /// <summary>Gets the router model, which must read <see cref="PromptFeatures.Names"/>.</summary>
    public LogisticModel Model { get; init; } = Model is { Weights.Count: var width } && width == PromptFeatures.Names.Count
        ? Model
        : throw new ArgumentException($"A router model reads the {PromptFeatures.Names.Count} prompt features ({string.Join(", ", PromptFeatures.Names)}).", nameof(Model));

    /// <summary>Gets the router's score of a prompt.</summary>
    public double Score(string prompt) => Model.Predict(PromptFeatures.Of(prompt));

    /// <summary>Gets whether a prompt skips the first rung.</summary>
    public bool Skips(string prompt) => Score(prompt) < Threshold;
}
