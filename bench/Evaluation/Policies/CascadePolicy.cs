using System.Globalization;

namespace Cascade.Evaluation.Policies;

/// <summary>
/// A cascade over an ordered subset of the ladder: try <see cref="Tiers"/> cheapest first; at each rung but the
/// last, keep the answer when its score reaches that rung's threshold, else escalate. The first tier of the subset
/// is the start-tier rule.
/// </summary>
public sealed class CascadePolicy
{
    /// <summary>Initializes a policy.</summary>
    /// <param name="family">The gate family.</param>
    /// <param name="tiers">Ladder indices, strictly ascending.</param>
    /// <param name="thresholds">One threshold per rung but the last.</param>
    /// <param name="scorers">One scorer per rung but the last.</param>
    public CascadePolicy(GateFamily family, IReadOnlyList<int> tiers, IReadOnlyList<double> thresholds, IReadOnlyList<IAnswerScorer> scorers)
    {
        if (tiers.Count == 0)
        {
            throw new ArgumentException("A cascade needs at least one tier.", nameof(tiers));
        }

        for (int i = 1; i < tiers.Count; i++)
        {
            if (tiers[i] <= tiers[i - 1])
            {
                throw new ArgumentException("Tiers must be ladder indices in ascending order.", nameof(tiers));
            }
        }

        if (thresholds.Count != tiers.Count - 1 || scorers.Count != tiers.Count - 1)
        {
            throw new ArgumentException($"A cascade of {tiers.Count} tiers needs {tiers.Count - 1} thresholds and scorers.", nameof(thresholds));
        }

        Family = family;
        Tiers = tiers;
        Thresholds = thresholds;
        Scorers = scorers;
    }

    /// <summary>Gets the gate family.</summary>
    public GateFamily Family { get; }

    /// <summary>Gets the ladder indices tried, cheapest first.</summary>
    public IReadOnlyList<int> Tiers { get; }

    /// <summary>Gets the acceptance threshold of each rung but the last.</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>Gets the scorer of each rung but the last.</summary>
    public IReadOnlyList<IAnswerScorer> Scorers { get; }

    /// <summary>Gets the up-front router, when the policy routes before cascading.</summary>
    public PromptRouter? Router { get; init; }

    /// <summary>Gets the cascade a prompt runs: <see cref="PromptRouter.Skipped"/> when the router skips the first rung, else this one.</summary>
    public CascadePolicy For(string prompt) => Router is { } router && router.Skips(prompt) ? router.Skipped : this;

    /// <summary>Gets whether the rung at <paramref name="position"/> keeps an answer with this score.</summary>
    public bool Accepts(int position, double score) => position == Tiers.Count - 1 || score >= Thresholds[position];

    /// <summary>Describes the policy with model names, for example <c>learned: a (probe) → b (≥0.81) → c</c>; a probe rung never keeps its answer, later rungs compare with it.</summary>
    public string Describe(IReadOnlyList<string> models) =>
        (Router is null ? Family.ToString().ToLowerInvariant() : "routed " + Family.ToString().ToLowerInvariant()) + ": "
        + (Router is { } router ? $"[router < {router.Threshold.ToString("0.###", CultureInfo.InvariantCulture)} skips {models[Tiers[0]]}] " : string.Empty)
        + string.Join(" → ", Tiers.Select((t, i) =>
            i >= Thresholds.Count ? models[t]
            : double.IsPositiveInfinity(Thresholds[i]) ? $"{models[t]} (probe)"
            : $"{models[t]} (≥{Thresholds[i].ToString("0.###", CultureInfo.InvariantCulture)})"));
}
