using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cascade.Router;

/// <summary><c>GET /v1/requests/{id}</c> (a request's attempt log, for the key that made it) and <c>GET /v1/stats</c>.</summary>
public static class RequestsApi
{
    /// <summary>The most recent attempts the statistics are computed over.</summary>
    public const int StatsWindow = 10_000;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapRequestsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/requests/{id}", async (string id, HttpContext context, ApiKeyAuthenticator authenticator, RequestOwners owners, ICascadeStateStore state) =>
        {
            var (key, error) = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted);
            if (key is null)
            {
                await RouterErrorWriter.WriteAsync(context, error!);
                return;
            }

            IReadOnlyList<AttemptRecord> attempts = await owners.GetAsync(id) == key.Id ? await state.GetAttemptsAsync(id, context.RequestAborted) : [];
            if (attempts.Count == 0)
            {
                await RouterErrorWriter.WriteAsync(context, new RouterError(404, "request_not_found", $"No request '{id}' of this key is in the attempt log."));
                return;
            }

            CascadeRoute route = new() { RequestId = id, Attempts = attempts };
            RequestLog log = new(id, route.TotalCost, route.TotalUsage.TotalInputTokens, route.TotalUsage.OutputTokens, attempts);
            await context.Response.WriteAsJsonAsync(log, RouterJsonContext.Default.RequestLog, cancellationToken: context.RequestAborted);
        });

        endpoints.MapGet("/v1/stats", async (HttpContext context, ApiKeyAuthenticator authenticator, ICascadeStateStore state) =>
        {
            var (key, error) = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted);
            if (key is null)
            {
                await RouterErrorWriter.WriteAsync(context, error!);
                return;
            }

            RouterStats stats = Compute(
                await state.GetRecentAttemptsAsync(StatsWindow, context.RequestAborted),
                await WorkloadOutcomesAsync(state, context.RequestAborted));
            await context.Response.WriteAsJsonAsync(stats, RouterJsonContext.Default.RouterStats, cancellationToken: context.RequestAborted);
        });

        return endpoints;
    }

    /// <summary>Computes the statistics from recent attempts and each workload's outcome window.</summary>
    public static RouterStats Compute(IReadOnlyList<AttemptRecord> attempts, IReadOnlyDictionary<string, IReadOnlyList<WorkloadOutcome>> workloads)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentNullException.ThrowIfNull(workloads);
        CascadeRoute[] requests = attempts
            .GroupBy(a => a.RequestId, StringComparer.Ordinal)
            .Select(g => new CascadeRoute
            {
                RequestId = g.Key,
                Attempts = g.DistinctBy(a => a.Sequence).OrderBy(a => a.Sequence).ToArray(),
                ResolvedTier = g.Where(a => a.Outcome is AttemptOutcome.Accepted or AttemptOutcome.Kept).OrderBy(a => a.Sequence).LastOrDefault()?.Tier,
            })
            .ToArray();
        int count = requests.Length;
        TierStats[] tiers = requests
            .Where(r => r.ResolvedTier is not null)
            .GroupBy(r => r.ResolvedTier!, StringComparer.OrdinalIgnoreCase)
            .Select(g => new TierStats(g.Key, g.Count(), (double)g.Count() / count))
            .OrderByDescending(t => t.Resolved)
            .ThenBy(t => t.Tier, StringComparer.Ordinal)
            .ToArray();
        WorkloadStats[] perWorkload = workloads
            .Where(w => w.Value.Count > 0)
            .Select(w => new WorkloadStats(
                w.Key,
                w.Value.Count,
                (double)w.Value.Count(o => o.Escalated) / w.Value.Count,
                (double)w.Value.Count(o => o.FellBack) / w.Value.Count,
                w.Value.Average(o => o.TotalCost)))
            .OrderBy(w => w.Workload, StringComparer.Ordinal)
            .ToArray();
        return count == 0
            ? new RouterStats(0, 0, 0, 0, 0, [], perWorkload)
            : new RouterStats(
                count,
                requests.Sum(r => r.TotalCost) / count,
                (double)requests.Count(r => r.Fallbacks > 0) / count,
                (double)requests.Sum(r => r.Retries) / count,
                (double)requests.Count(r => r.Escalations > 0) / count,
                tiers,
                perWorkload);
    }

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<WorkloadOutcome>>> WorkloadOutcomesAsync(ICascadeStateStore state, CancellationToken cancellationToken)
    {
        Dictionary<string, IReadOnlyList<WorkloadOutcome>> outcomes = new(StringComparer.Ordinal);
        foreach (string workload in await state.GetWorkloadsAsync(cancellationToken))
        {
            outcomes[workload] = await state.GetWorkloadOutcomesAsync(workload, 1000, cancellationToken);
        }

        return outcomes;
    }
}
