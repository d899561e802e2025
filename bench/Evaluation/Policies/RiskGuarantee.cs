using MathNet.Numerics.Distributions;

namespace Cascade.Evaluation.Policies;

/// <summary>
/// Certifies selection rules with Learn-then-Test: a rule is certified when an upper confidence bound of its accuracy
/// loss against the reference is at most the target, and rules are tested in a fixed sequence, dearest first, stopping
/// at the first that fails, so that the chance of certifying any rule whose loss exceeds the target stays at most
/// one minus the confidence without a multiplicity correction; every rule certified before the stop is valid at once,
/// so the cheapest of them is kept.
/// </summary>
/// <remarks>
/// <para>
/// A rule's calibration sample is its per-question loss on held-out train questions: the reference's right answer
/// minus the rule's (−1, 0 or 1), each question scored by the policy the rule picked without seeing it (the
/// cross-validation folds of <see cref="PolicySearch"/>). The bound is the normal one on the paired difference,
/// <c>mean + z · s · √(1/n + 1/m)</c>, where <c>z</c> is the confidence's standard normal quantile, <c>n</c> the
/// held-out questions and <c>m</c> the size of the sample the guarantee is stated for
/// (<see cref="SearchOptions.GuaranteeSampleSize"/>; the <c>1/m</c> term is left out for the population loss). The
/// sample variance <c>s²</c> counts one extra discordant question each way (an Agresti–Caffo-style adjustment), so a
/// rule that never disagrees with the reference on a few hundred questions is not taken as certain.
/// </para>
/// <para>
/// The sequence's order is fixed before any loss is seen (the caller's order: <see cref="PolicySearch"/> puts the
/// most demanding rules first, largest train margin, then most standard errors). The cheapest certified rule by
/// held-out cost is kept; when none is, or the cheapest is no cheaper than the reference, the reference itself is
/// (its loss is zero by definition).
/// </para>
/// </remarks>
public static class RiskGuarantee
{
    /// <summary>The upper confidence bound, in accuracy points, of a rule's loss against the reference.</summary>
    /// <param name="losses">Per held-out question, the reference's right answer minus the rule's (−1, 0 or 1).</param>
    /// <param name="confidence">The confidence, strictly between 0 and 1.</param>
    /// <param name="sampleSize">The number of questions the guarantee is stated for; 0 for the population loss.</param>
    /// <exception cref="ArgumentException">A loss is not −1, 0 or 1, or there are none.</exception>
    public static double UpperBoundPoints(IReadOnlyList<int> losses, double confidence, int sampleSize)
    {
        ArgumentNullException.ThrowIfNull(losses);
        if (losses.Count == 0)
        {
            throw new ArgumentException("A rule needs at least one held-out question.", nameof(losses));
        }

        if (confidence is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence is strictly between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sampleSize);
        long sum = 0, squares = 0;
        foreach (int loss in losses)
        {
            if (loss is < -1 or > 1)
            {
                throw new ArgumentException($"A paired loss is -1, 0 or 1, found {loss}.", nameof(losses));
            }

            sum += loss;
            squares += loss * loss;
        }

        int n = losses.Count;
        double mean = (double)sum / n;

        // One extra discordant question each way: the adjusted sample's mean is the same, its variance is never zero.
        int adjusted = n + 2;
        double adjustedMean = (double)sum / adjusted;
        double variance = (squares + 2 - (adjusted * adjustedMean * adjustedMean)) / (adjusted - 1);
        double scale = Math.Sqrt((1.0 / n) + (sampleSize == 0 ? 0 : 1.0 / sampleSize));
        return 100 * (mean + (Normal.InvCDF(0, 1, confidence) * Math.Sqrt(variance) * scale));
    }

    /// <summary>Tests rules in the fixed sequence given, stopping at the first that fails, and returns the index of the cheapest certified one, or <see langword="null"/> when the reference should be kept.</summary>
    /// <param name="rules">Each rule's held-out per-question losses and held-out cost relative to the reference, in the order they are tested.</param>
    /// <param name="confidence">The confidence, strictly between 0 and 1.</param>
    /// <param name="tolerancePoints">The most accuracy points the rule may lose against the reference.</param>
    /// <param name="sampleSize">The number of questions the guarantee is stated for; 0 for the population loss.</param>
    /// <param name="bounds">Gets each rule's upper bound, in points, in the order of <paramref name="rules"/> (NaN for rules the sequence did not reach).</param>
    public static int? Certify(IReadOnlyList<(IReadOnlyList<int> Losses, double CostRatio)> rules, double confidence, double tolerancePoints, int sampleSize, out double[] bounds)
    {
        ArgumentNullException.ThrowIfNull(rules);
        bounds = Enumerable.Repeat(double.NaN, rules.Count).ToArray();
        int? kept = null;
        for (int r = 0; r < rules.Count; r++)
        {
            bounds[r] = UpperBoundPoints(rules[r].Losses, confidence, sampleSize);
            if (bounds[r] > tolerancePoints + 1e-9)
            {
                break;
            }

            if (kept is not { } cheapest || rules[r].CostRatio < rules[cheapest].CostRatio)
            {
                kept = r;
            }
        }

        return kept is { } k && rules[k].CostRatio < 1 ? k : null;
    }
}
