using MathNet.Numerics.Distributions;

namespace Cascade.Verifier.Calibration;

/// <summary>A log-probability threshold fitted on labelled answers, with what it achieves on them.</summary>
/// <param name="Threshold">Answers at or above it are accepted; 0 when no threshold meets the target (accept only certainty).</param>
/// <param name="Accepted">Answers accepted.</param>
/// <param name="AcceptedCorrect">Accepted answers that were correct.</param>
/// <param name="Correct">Correct answers in all.</param>
/// <param name="Total">Answers in all.</param>
public readonly record struct ThresholdFit(double Threshold, int Accepted, int AcceptedCorrect, int Correct, int Total)
{
    /// <summary>Gets the share of accepted answers that were correct (1 when none was accepted).</summary>
    public double Precision => Accepted == 0 ? 1 : (double)AcceptedCorrect / Accepted;

    /// <summary>Gets the share of correct answers that were accepted.</summary>
    public double Recall => Correct == 0 ? 0 : (double)AcceptedCorrect / Correct;

    /// <summary>Gets the share of answers accepted.</summary>
    public double AcceptRate => Total == 0 ? 0 : (double)Accepted / Total;

    /// <summary>
    /// Finds the lowest threshold whose accepted answers are wrong at most <paramref name="maxFalseAcceptRate"/> of the time
    /// (the most answers kept under the target). Ties are accepted or rejected together.
    /// </summary>
    /// <param name="samples">The candidates' log-probabilities and labels.</param>
    /// <param name="maxFalseAcceptRate">The largest share of accepted answers allowed to be wrong, above 0 and below 1.</param>
    /// <param name="totalCorrect">The correct answers in all, when some were rejected earlier (by text checks); else the samples' own.</param>
    /// <param name="total">The answers in all; else the samples' count.</param>
    /// <param name="confidence">
    /// 0 to compare the observed precision with the target; above 0 (for example 0.9) to compare the one-sided Wilson lower
    /// bound of the precision at that confidence, so the target still holds on new data with that probability.
    /// </param>
    public static ThresholdFit Fit(IEnumerable<(double Logprob, bool Correct)> samples, double maxFalseAcceptRate, int? totalCorrect = null, int? total = null, double confidence = 0)
    {
        if (confidence is < 0 or >= 1 || double.IsNaN(confidence))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence must be 0 (none) or above 0 and below 1.");
        }

        ArgumentNullException.ThrowIfNull(samples);
        if (maxFalseAcceptRate is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxFalseAcceptRate), maxFalseAcceptRate, "The maximum false-accept rate must be above 0 and below 1.");
        }

        (double Logprob, bool Correct)[] sorted = samples.OrderByDescending(s => s.Logprob).ToArray();
        int correct = totalCorrect ?? sorted.Count(s => s.Correct);
        int all = total ?? sorted.Length;
        double minPrecision = 1 - maxFalseAcceptRate;
        double z = confidence == 0 ? 0 : Normal.InvCDF(0, 1, confidence);
        var best = new ThresholdFit(0, sorted.Count(s => s.Logprob >= 0), sorted.Count(s => s.Logprob >= 0 && s.Correct), correct, all);
        if (best.Accepted == 0 || PrecisionBound(best.AcceptedCorrect, best.Accepted, z) < minPrecision)
        {
            best = new ThresholdFit(0, 0, 0, correct, all);
        }

        int accepted = 0;
        int acceptedCorrect = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            accepted++;
            acceptedCorrect += sorted[i].Correct ? 1 : 0;
            bool lastOfTie = i == sorted.Length - 1 || sorted[i + 1].Logprob < sorted[i].Logprob;
            if (lastOfTie && PrecisionBound(acceptedCorrect, accepted, z) >= minPrecision && accepted > best.Accepted)
            {
                best = new ThresholdFit(sorted[i].Logprob, accepted, acceptedCorrect, correct, all);
            }
        }

        return best;
    }

    /// <summary>The observed precision (z = 0), or its one-sided Wilson lower bound.</summary>
    internal static double PrecisionBound(int correct, int accepted, double z)
    {
        double p = (double)correct / accepted;
        if (z == 0)
        {
            return p;
        }

        double z2 = z * z;
        double n = accepted;
        return (p + (z2 / (2 * n)) - (z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))))) / (1 + (z2 / n));
    }
}
