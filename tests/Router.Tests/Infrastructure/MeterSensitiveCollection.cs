namespace Cascade.Router.Tests;

/// <summary>
/// Tests that read a router's metrics (a Prometheus scrape, counter sums) run alone: OpenTelemetry subscribes to meters by
/// name and Kestrel's memory-pool meter is process-wide, so a router host in a test running beside them would add its
/// measurements to theirs (or a series twice to a scrape).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeterSensitiveCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "meter-sensitive";
}
