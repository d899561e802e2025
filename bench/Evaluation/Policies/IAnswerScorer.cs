using Cascade.Evaluation.Scoring;

namespace Cascade.Evaluation.Policies;

/// <summary>Scores an answer at one rung of a cascade; the rung accepts when the score reaches its threshold.</summary>
public interface IAnswerScorer
{
    /// <summary>Scores <paramref name="current"/> given the answers of the rungs tried before it, oldest first.</summary>
    double Score(AnswerSignals current, IReadOnlyList<AnswerSignals> earlier);
}

/// <summary>The answer's logprob confidence as a probability; 0 when the answer has none.</summary>
public sealed class LogprobScorer : IAnswerScorer
{
    /// <summary>Gets the shared instance.</summary>
    public static LogprobScorer Instance { get; } = new();

    /// <inheritdoc/>
    public double Score(AnswerSignals current, IReadOnlyList<AnswerSignals> earlier) => current.Confidence ?? 0;
}

/// <summary>1 when the plain text checks pass, else 0.</summary>
public sealed class TextCheckScorer : IAnswerScorer
{
    /// <summary>Gets the shared instance.</summary>
    public static TextCheckScorer Instance { get; } = new();

    /// <inheritdoc/>
    public double Score(AnswerSignals current, IReadOnlyList<AnswerSignals> earlier) => current.PassesTextChecks ? 1 : 0;
}

/// <summary>Agreement with the previous rung's answer, from 0 to 1; 0 on the first rung.</summary>
public sealed class AgreementScorer : IAnswerScorer
{
    /// <summary>Gets the shared instance.</summary>
    public static AgreementScorer Instance { get; } = new();

    /// <inheritdoc/>
    public double Score(AnswerSignals current, IReadOnlyList<AnswerSignals> earlier) =>
        earlier.Count == 0 ? 0 : AnswerSignals.Agreement(current, earlier[^1]);
}

/// <summary>A learned probability that the answer is right, from a subset of <see cref="CascadeFeatures"/>.</summary>
/// <param name="Model">The fitted model.</param>
/// <param name="Features">The feature subset the model reads.</param>
/// <param name="L2">The ridge penalty it was fitted with.</param>
public sealed record LearnedScorer(Learning.LogisticModel Model, FeatureSet Features, double L2) : IAnswerScorer
{
    /// <summary>Gets whether the model was fitted on the auxiliary train files' rows too.</summary>
    public bool Pooled { get; init; }

    /// <inheritdoc/>
    public double Score(AnswerSignals current, IReadOnlyList<AnswerSignals> earlier) => Model.Predict(Features.Select(CascadeFeatures.Of(current, earlier)));
}
