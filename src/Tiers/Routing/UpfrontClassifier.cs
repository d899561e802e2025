namespace Cascade;

/// <summary>
/// Turns a request's features into a tier and a confidence. A complexity score from 0 to 1 (length, code, several
/// questions, a long conversation, a request for analysis) falls into one band per model tier; the confidence is high
/// in the middle of a band and at the ladder's ends, low near a border, where the cascade decides instead.
/// </summary>
public sealed class UpfrontClassifier
{
    /// <summary>The highest confidence features alone can give.</summary>
    public const double MaxFeatureConfidence = 0.95;

    private readonly UpfrontRoutingOptions _options;

    /// <summary>Initializes a classifier.</summary>
    public UpfrontClassifier(UpfrontRoutingOptions? options = null) => _options = options ?? new UpfrontRoutingOptions();

    /// <summary>Scores a request's complexity from 0 (trivial) to 1 (hard).</summary>
    public double Complexity(RequestFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        double length = Math.Clamp(Math.Log(Math.Max(features.QuestionCharacters, 20) / 20.0) / Math.Log(_options.LongQuestionCharacters / 20.0), 0, 1);
        double score = 0.45 * length;
        score += features.HasCode ? 0.3 : 0;
        score += features.AsksForAnalysis ? 0.25 : 0;
        score += Math.Min(Math.Max(features.QuestionCount - 1, 0) * 0.1, 0.2);
        score += features.UserTurns > 6 ? 0.1 : 0;
        return Math.Clamp(score, 0, 1);
    }

    /// <summary>Chooses a tier of <paramref name="tiers"/> (model tiers, cheapest first) with a confidence from 0 to 1.</summary>
    public (string Tier, double Confidence, string Reason) Classify(RequestFeatures features, IReadOnlyList<string> tiers)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(tiers);
        if (tiers.Count == 0)
        {
            throw new ArgumentException("Up-front routing needs at least one model tier.", nameof(tiers));
        }

        if (features.Workload is { } workload && _options.WorkloadTiers.TryGetValue(workload, out string? fixedTier))
        {
            return (fixedTier, 1.0, $"workload '{workload}' routes to tier '{fixedTier}'");
        }

        double score = Complexity(features);
        double width = 1.0 / tiers.Count;
        int band = Math.Min((int)(score / width), tiers.Count - 1);
        double position = (score - (band * width)) / width;
        bool outerEdge = (band == 0 && position < 0.5) || (band == tiers.Count - 1 && position > 0.5);
        // Full confidence is kept for certainties (an FAQ match, a workload's fixed tier): features alone top out at 0.95.
        double confidence = Math.Min(outerEdge ? 1.0 : 1.0 - Math.Abs(position - 0.5), MaxFeatureConfidence);
        string reason = $"complexity {score:0.00}" + Describe(features);
        return (tiers[band], Math.Round(confidence, 3), reason);
    }

    private static string Describe(RequestFeatures features)
    {
        var parts = new List<string>(4) { $"{features.QuestionCharacters} chars" };
        if (features.HasCode)
        {
            parts.Add("code");
        }

        if (features.AsksForAnalysis)
        {
            parts.Add("analysis");
        }

        if (features.QuestionCount > 1)
        {
            parts.Add($"{features.QuestionCount} questions");
        }

        return " (" + string.Join(", ", parts) + ")";
    }
}
