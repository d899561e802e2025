namespace Cascade;

/// <summary>One lower tier of a <see cref="RoutingModel"/>: a logistic model of the chance that tier answers the request well.</summary>
/// <param name="Tier">The tier's name on the ladder.</param>
/// <param name="Bias">The intercept (log-odds with every feature 0).</param>
/// <param name="Weights">One weight per <see cref="RoutingModel.FeatureNames"/> entry, on the raw features.</param>
/// <param name="TestAccuracy">The share of held-out examples whose outcome the model predicted (at probability 0.5), when measured.</param>
public sealed record RoutingModelTier(string Tier, double Bias, IReadOnlyList<double> Weights, double? TestAccuracy = null)
{
    /// <summary>The probability that the tier answers a request with these features well.</summary>
    public double Probability(ReadOnlySpan<double> features)
    {
        double z = Bias;
        for (int i = 0; i < features.Length && i < Weights.Count; i++)
        {
            z += Weights[i] * features[i];
        }

        return 1.0 / (1.0 + Math.Exp(-z));
    }
}
