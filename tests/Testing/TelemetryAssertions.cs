using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;

namespace Cascade.Testing;

/// <summary>Small helpers over activities, <see cref="MetricCollector{T}"/> and <see cref="FakeLogCollector"/>.</summary>
public static class TelemetryAssertions
{
    /// <summary>Gets a tag's value of an activity as a string, or <see langword="null"/>.</summary>
    public static string? Tag(this Activity activity, string name) => activity.GetTagItem(name)?.ToString();

    /// <summary>Sums the measurements whose tags contain every pair of <paramref name="tags"/>.</summary>
    public static T Sum<T>(this MetricCollector<T> collector, params (string Key, object? Value)[] tags)
        where T : struct
    {
        dynamic total = default(T);
        foreach (CollectedMeasurement<T> measurement in collector.GetMeasurementSnapshot())
        {
            if (tags.All(t => measurement.Tags.TryGetValue(t.Key, out object? v) && Equals(v?.ToString(), t.Value?.ToString())))
            {
                total += measurement.Value;
            }
        }

        return total;
    }

    /// <summary>Gets the messages logged at or above a level.</summary>
    public static IReadOnlyList<string> Messages(this FakeLogCollector collector, Microsoft.Extensions.Logging.LogLevel atLeast = Microsoft.Extensions.Logging.LogLevel.Trace) =>
        collector.GetSnapshot().Where(r => r.Level >= atLeast).Select(r => r.Message).ToArray();
}
