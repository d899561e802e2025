namespace Cascade.Router;

/// <summary>Nearest-rank percentiles of a sample: the smallest value with at least p% of the sample at or below it.</summary>
/// <param name="P50">The median.</param>
/// <param name="P95">The 95th percentile.</param>
/// <param name="P99">The 99th percentile.</param>
public sealed record Percentiles(double P50, double P95, double P99)
{
    /// <summary>Gets the percentiles of <paramref name="values"/>, or <see langword="null"/> when it is empty.</summary>
    public static Percentiles? Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] sorted = values.Order().ToArray();
        return sorted.Length == 0 ? null : new(Rank(sorted, 50), Rank(sorted, 95), Rank(sorted, 99));
    }

    /// <summary>Gets the nearest-rank <paramref name="percent"/>th percentile of an ascending, non-empty sample.</summary>
    public static double Rank(IReadOnlyList<double> sorted, int percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        int rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
