using System.Globalization;
using System.Text;

namespace Cascade.LoadGenerator;

/// <summary>The outcome of a run: throughput, latency percentiles and failures by status.</summary>
internal sealed record LoadResult(int Requests, int Succeeded, TimeSpan Elapsed, double[] LatenciesMs, IReadOnlyDictionary<string, int> Failures)
{
    public double RequestsPerSecond => Elapsed.TotalSeconds > 0 ? Requests / Elapsed.TotalSeconds : 0;

    /// <summary>Gets a percentile (nearest rank) of the successful latencies; <paramref name="sorted"/> must be ascending.</summary>
    public static double Percentile(double[] sorted, double percentile)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        int rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public string Format(LoadOptions options)
    {
        var text = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"target      {options.Url} ({options.Api}, {options.Model}, {(options.Stream ? "streamed" : "non-streamed")}, concurrency {options.Concurrency})");
        text.AppendLine(c, $"requests    {Requests} in {Elapsed.TotalSeconds:F2} s, {Succeeded} succeeded");
        text.AppendLine(c, $"throughput  {RequestsPerSecond:F0} req/s");
        text.AppendLine(c, $"latency ms  p50 {Percentile(LatenciesMs, 50):F2}  p90 {Percentile(LatenciesMs, 90):F2}  p99 {Percentile(LatenciesMs, 99):F2}  max {(LatenciesMs.Length == 0 ? 0 : LatenciesMs[^1]):F2}");
        foreach ((string reason, int count) in Failures.OrderByDescending(p => p.Value))
        {
            text.AppendLine(c, $"failed      {count} x {reason}");
        }

        return text.ToString();
    }
}
