namespace Cascade.Router;

/// <summary>Computes <see cref="RouterStats"/> from tracked requests: shares, blended cost, percentiles, E per workload and the saving against the top tier.</summary>
public static class RouterStatsCalculator
{
    /// <summary>Computes the statistics of <paramref name="requests"/>.</summary>
    /// <param name="requests">The requests, with their attempts.</param>
    /// <param name="topTier">The ladder's top tier, the saving's reference; <see langword="null"/> leaves the saving at 0.</param>
    public static RouterStats Compute(IReadOnlyList<TrackedRequest> requests, Tier? topTier = null)
    {
        ArgumentNullException.ThrowIfNull(requests);
        TrackedRequest[] counted = requests.Where(r => r.Route.Attempts.Count > 0).ToArray();
        int count = counted.Length;
        if (count == 0)
        {
            return new RouterStats(0, 0, 0, 0, 0, [], [], TopTier: topTier?.Name);
        }

        CascadeRoute[] routes = counted.Select(r => r.Route).ToArray();
        TierStats[] tiers = routes
            .Where(r => r.ResolvedTier is not null)
            .GroupBy(r => r.ResolvedTier!, StringComparer.OrdinalIgnoreCase)
            .Select(g => new TierStats(g.Key, g.Count(), (double)g.Count() / count))
            .OrderByDescending(t => t.Resolved)
            .ThenBy(t => t.Tier, StringComparer.Ordinal)
            .ToArray();
        WorkloadStats[] workloads = counted
            .Where(r => r.Entry.Workload is not null)
            .GroupBy(r => r.Entry.Workload!, StringComparer.OrdinalIgnoreCase)
            .Select(g => Workload(g.Key, g.ToArray()))
            .OrderBy(w => w.Workload, StringComparer.Ordinal)
            .ToArray();
        decimal blended = routes.Sum(r => r.TotalCost) / count;
        decimal top = topTier is null ? 0 : counted.Sum(r => r.TopTierCost(topTier.Primary.Price)) / count;
        return new RouterStats(
            count,
            blended,
            (double)routes.Count(r => r.Fallbacks > 0) / count,
            (double)routes.Sum(r => r.Retries) / count,
            (double)routes.Count(r => r.Escalations > 0) / count,
            tiers,
            workloads,
            Percentiles.Of(counted.Where(r => r.Duration is not null).Select(r => r.Duration!.Value.TotalMilliseconds)),
            Percentiles.Of(counted.Where(r => r.TimeToFirstToken is not null).Select(r => r.TimeToFirstToken!.Value.TotalMilliseconds)),
            topTier?.Name,
            top,
            top - blended,
            top == 0 ? 0 : (double)((top - blended) / top));
    }

    private static WorkloadStats Workload(string workload, TrackedRequest[] requests)
    {
        WorkloadOutcome[] outcomes = requests.Select(r => WorkloadTracker.ToOutcome(r.Route, r.Entry.At)).ToArray();
        WorkloadStatistics statistics = WorkloadStatistics.From(workload, outcomes);
        return new WorkloadStats(workload, requests.Length, statistics.EscalationRate, statistics.FallbackShare, statistics.MeanCost, ExpectedCost.Of(statistics));
    }
}
