using MathNet.Numerics.Distributions;

namespace Cascade.Evaluation.Reports;

/// <summary>How often a guarantee held over trials, with a Clopper–Pearson interval and the binomial test of the stated confidence.</summary>
/// <param name="Hits">The trials on which it held.</param>
/// <param name="Trials">The trials.</param>
/// <param name="Low">The 95 % Clopper–Pearson interval's lower end.</param>
/// <param name="High">The interval's upper end.</param>
/// <param name="PValue">The chance of this few hits or fewer if the guarantee held exactly at the stated confidence (one-sided binomial test): below 0.05, the hit rate is short of the confidence beyond binomial noise.</param>
public sealed record HitRate(int Hits, int Trials, double Low, double High, double PValue)
{
    /// <summary>Gets the share of trials on which the guarantee held.</summary>
    public double Share => Trials == 0 ? 0 : (double)Hits / Trials;

    /// <summary>Counts the hits among some outcomes and tests them against <paramref name="confidence"/>.</summary>
    public static HitRate Of(IEnumerable<bool> held, double confidence)
    {
        var list = held.ToArray();
        int hits = list.Count(h => h), n = list.Length;
        if (n == 0)
        {
            return new HitRate(0, 0, 0, 1, 1);
        }

        double low = hits == 0 ? 0 : Beta.InvCDF(hits, n - hits + 1, 0.025);
        double high = hits == n ? 1 : Beta.InvCDF(hits + 1, n - hits, 0.975);
        double p = Math.Min(1, Enumerable.Range(0, hits + 1).Sum(k => Binomial.PMF(confidence, n, k)));
        return new HitRate(hits, n, low, high, p);
    }
}
