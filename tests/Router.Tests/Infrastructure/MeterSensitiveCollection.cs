namespace Cascade.Router.Tests;

/// <summary>
/// Tests that read a router's metrics (a Prometheus scrape, counter sums) run alone: OpenTelemetry subscribes to meters by
/// name, so a router host in a test running beside them would add its measurements to theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeterSensitiveCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "meter-sensitive";
}
