namespace Cascade.Evaluation.Scoring;

/// <summary>
/// The features the learned scorer reads at one rung of a cascade: the answer's own confidence and text checks,
/// and how it agrees with the answers of the rungs tried before it.
/// </summary>
public static class CascadeFeatures
{
    /// <summary>Gets the feature names, in vector order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "logprob", "confidence", "log_surprise", "format_ok", "hedging", "refusal", "log_length",
        "agree_previous", "agree_mean", "agree_previous_x_confidence", "agree_best_x_confidence",
        "confidence_x_agree_previous", "earlier_max_log_surprise",
    ];

    /// <summary>Gets the feature subsets the learned gate chooses among, per rung, by cross-validated log-loss on train (simplest first).</summary>
    public static IReadOnlyList<FeatureSet> Sets { get; } =
    [
        new("confidence", ["log_surprise"]),
        new("text", ["format_ok", "hedging", "refusal", "log_length"]),
        new("agreement", ["agree_previous", "agree_mean", "agree_best_x_confidence"]),
        new("confidence+agreement", ["log_surprise", "agree_previous", "agree_mean", "agree_previous_x_confidence", "confidence_x_agree_previous", "earlier_max_log_surprise"]),
        new("text+agreement", ["format_ok", "hedging", "refusal", "log_length", "agree_previous", "agree_mean", "agree_best_x_confidence"]),
        new("all", Names),
    ];

    /// <summary>Computes the features of <paramref name="current"/> given the answers tried before it, oldest first.</summary>
    public static double[] Of(AnswerSignals current, IReadOnlyList<AnswerSignals> earlier)
    {
        double logprob = Math.Max(current.Logprob ?? 0, -20);
        double previous = 0, mean = 0, previousWeighted = 0, bestWeighted = 0, earlierMax = 0;
        for (int i = 0; i < earlier.Count; i++)
        {
            double agreement = AnswerSignals.Agreement(current, earlier[i]);
            double weighted = agreement * (earlier[i].Confidence ?? 1);
            mean += agreement / earlier.Count;
            bestWeighted = Math.Max(bestWeighted, weighted);
            earlierMax = Math.Max(earlierMax, earlier[i].Logprob is { } lp ? -Math.Log(Math.Max(-Math.Max(lp, -20), 1e-10)) : 0);
            if (i == earlier.Count - 1)
            {
                previous = agreement;
                previousWeighted = weighted;
            }
        }

        return
        [
            logprob,
            Math.Exp(logprob),
            current.Logprob is null ? 0 : -Math.Log(Math.Max(-logprob, 1e-10)),
            current.FormatOk ? 1 : 0,
            Math.Min(current.Hedges, 3),
            current.Refusal ? 1 : 0,
            Math.Log(1 + current.Length),
            previous,
            mean,
            previousWeighted,
            bestWeighted,
            Math.Exp(logprob) * previous,
            earlierMax,
        ];
    }
}

/// <summary>A named subset of <see cref="CascadeFeatures.Names"/>.</summary>
/// <param name="Name">The subset's name.</param>
/// <param name="Features">The feature names.</param>
public sealed record FeatureSet(string Name, IReadOnlyList<string> Features)
{
    /// <summary>Gets the subset's indices into a <see cref="CascadeFeatures.Of"/> vector.</summary>
    public int[] Indices { get; } = Features.Select(f => CascadeFeatures.Names.ToList().IndexOf(f) is var i && i >= 0 ? i : throw new ArgumentException($"No feature named '{f}'.", nameof(Features))).ToArray();

    /// <summary>Picks this subset's values out of a full feature vector.</summary>
    public double[] Select(double[] all) => Array.ConvertAll(Indices, i => all[i]);
}
