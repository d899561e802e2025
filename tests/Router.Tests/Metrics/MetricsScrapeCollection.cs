namespace Cascade.Router.Tests;

/// <summary>Runs the scrape tests after every other test, with nothing beside them.</summary>
[CollectionDefinition(nameof(MetricsEndpointTests), DisableParallelization = true)]
public sealed class MetricsScrapeCollection;
