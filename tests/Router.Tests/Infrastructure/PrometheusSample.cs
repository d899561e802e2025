namespace Cascade.Router.Tests;

/// <summary>One sample line of a Prometheus text exposition.</summary>
/// <param name="Name">The sample's name (for a histogram, with its <c>_bucket</c>, <c>_sum</c> or <c>_count</c> suffix).</param>
/// <param name="Labels">The labels, unescaped.</param>
/// <param name="Value">The value.</param>
/// <param name="Timestamp">The timestamp in milliseconds, when given.</param>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value, long? Timestamp);
