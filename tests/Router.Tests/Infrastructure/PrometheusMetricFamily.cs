namespace Cascade.Router.Tests;

/// <summary>A metric family of a Prometheus text exposition: its name, type, help and samples.</summary>
public sealed class PrometheusMetricFamily(string name)
{
    /// <summary>Gets the family's name.</summary>
    public string Name { get; } = name;

    /// <summary>Gets the declared type (<c>untyped</c> when none was declared).</summary>
    public string Type { get; internal set; } = "untyped";

    /// <summary>Gets the help text, when one was given.</summary>
    public string? Help { get; internal set; }

    /// <summary>Gets the samples, in order.</summary>
    public List<PrometheusSample> Samples { get; } = [];
}
