using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Cascade.Router;

/// <summary>
/// The read APIs over the caller's traffic: <c>GET /v1/requests</c> (a page of requests, filtered),
/// <c>GET /v1/requests/{id}</c> (a request's attempt log) and <c>GET /v1/stats</c>. An API key sees its own
/// requests only; the admin key sees every key's, and its stats break down by key.
/// </summary>
public static class RequestsApi
{
    /// <summary>The page size of <c>GET /v1/requests</c> when <c>limit</c> is not sent.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest <c>limit</c> of <c>GET /v1/requests</c>.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The most index entries one page of <c>GET /v1/requests</c> examines; a sparse filter returns a short page with a cursor to go on.</summary>
    public const int MaxScan = 2000;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapRequestsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/requests", ListAsync);
        endpoints.MapGet("/v1/requests/{id}", GetAsync);
        endpoints.MapGet("/v1/stats", StatsAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<RequestPage>, ProblemHttpResult>> ListAsync(
        HttpContext context,
        CallerAuthenticator authenticator,
        IRequestIndex index,
        ICascadeStateStore state,
        string? workload = null,
        string? tier = null,
        string? outcome = null,
        DateTimeOffset? since = null,
        DateTimeOffset? until = null,
        string? key = null,
        int? limit = null,
        long? cursor = null)
    {
        var (caller, error) = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted);
        if (caller is null)
        {
            return Problem(context, error!);
        }

        List<string> invalid = [];
        AttemptOutcome? wanted = null;
        if (outcome is not null)
        {
            if (Enum.TryParse(outcome, ignoreCase: true, out AttemptOutcome parsed) && !int.TryParse(outcome, CultureInfo.InvariantCulture, out _))
            {
                wanted = parsed;
            }
            else
            {
                invalid.Add($"outcome must be one of {string.Join(", ", Enum.GetNames<AttemptOutcome>().Select(n => n.ToLowerInvariant()))}; it is '{outcome}'.");
            }
        }

        int size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            invalid.Add($"limit must be between 1 and {MaxPageSize}; it is {size}.");
        }

        if (since is { } from && until is { } to && from >= to)
        {
            invalid.Add($"since ({from:O}) must be before until ({to:O}).");
        }

        if (key is not null && !caller.IsAdmin && key != caller.KeyId)
        {
            return Problem(context, new RouterError(403, "key_not_visible", "An API key lists its own requests only; leave out 'key', or use the admin key to list another key's."));
        }

        if (invalid.Count > 0)
        {
            return Problem(context, new RouterError(400, "invalid_query", string.Join(" ", invalid)));
        }

        List<RequestSummary> page = [];
        long? position = cursor;
        int scanned = 0;
        bool end = false;
        while (!end && page.Count < size && scanned < MaxScan)
        {
            int batch = Math.Min(size, MaxScan - scanned);
            IReadOnlyList<RequestEntry> entries = await index.ListAsync(caller.KeyId ?? key, position, batch, context.RequestAborted);
            scanned += entries.Count;
            end = entries.Count < batch;
            int read = 0;
            foreach (TrackedRequest request in await TrackAsync(state, entries, context.RequestAborted))
            {
                if (since is not null && request.Entry.At < since)
                {
                    // The index is in the order requests finished, and no request started after it finished.
                    end = true;
                    read = entries.Count;
                    break;
                }

                read++;
                position = request.Entry.Sequence;
                if (Matches(request, workload, tier, wanted, since, until))
                {
                    page.Add(RequestSummary.Of(request));
                    if (page.Count == size)
                    {
                        break;
                    }
                }
            }

            // Entries of the last batch left unread are still to come.
            end &= read == entries.Count;
        }

        return TypedResults.Ok(new RequestPage(page, end ? null : position));
    }

    private static async Task<Results<Ok<RequestLog>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, CallerAuthenticator authenticator, RequestOwners owners, ICascadeStateStore state)
    {
        var (caller, error) = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted);
        if (caller is null)
        {
            return Problem(context, error!);
        }

        IReadOnlyList<AttemptRecord> attempts = caller.MayRead(await owners.GetAsync(id)) ? await state.GetAttemptsAsync(id, context.RequestAborted) : [];
        if (attempts.Count == 0)
        {
            return Problem(context, new RouterError(404, "request_not_found", $"No request '{id}' of this key is in the attempt log."));
        }

        CascadeRoute route = new() { RequestId = id, Attempts = attempts };
        return TypedResults.Ok(new RequestLog(id, route.TotalCost, route.TotalUsage.TotalInputTokens, route.TotalUsage.OutputTokens, attempts));
    }

    private static async Task<Results<Ok<RouterStats>, ProblemHttpResult>> StatsAsync(
        HttpContext context, CallerAuthenticator authenticator, IRequestIndex index, ICascadeStateStore state, IApiKeyStore keys, CascadeModel model, IOptions<RouterOptions> options, AlarmMonitor alarms)
    {
        var (caller, error) = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted);
        if (caller is null)
        {
            return Problem(context, error!);
        }

        IReadOnlyList<RequestEntry> entries = await index.ListAsync(caller.KeyId, null, options.Value.StatsWindow, context.RequestAborted);
        TrackedRequest[] requests = await TrackAsync(state, entries, context.RequestAborted);
        RouterStats stats = RouterStatsCalculator.Compute(requests, model.FinalTier);
        if (caller.IsAdmin)
        {
            List<KeyStats> perKey = [];
            foreach (IGrouping<string, TrackedRequest> group in requests.GroupBy(r => r.Entry.KeyId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                ApiKeyRecord? record = await keys.GetAsync(group.Key, context.RequestAborted);
                perKey.Add(new KeyStats(group.Key, record?.Name, RouterStatsCalculator.Compute(group.ToArray(), model.FinalTier)));
            }

            stats = stats with { Keys = perKey };
        }

        // A key sees the alarms on shared conditions and on its own spend; the admin sees every alarm.
        IReadOnlyList<Alarm> active = await alarms.EvaluateAsync(context.RequestAborted);
        return TypedResults.Ok(stats with { Alarms = active.Where(a => caller.IsAdmin || a.KeyId is null || a.KeyId == caller.KeyId).ToArray() });
    }

    private static bool Matches(TrackedRequest request, string? workload, string? tier, AttemptOutcome? outcome, DateTimeOffset? since, DateTimeOffset? until) =>
        request.Route.Attempts.Count > 0
        && (workload is null || string.Equals(request.Entry.Workload, workload, StringComparison.OrdinalIgnoreCase))
        && (tier is null || string.Equals(request.Route.ResolvedTier, tier, StringComparison.OrdinalIgnoreCase))
        && (outcome is null || request.Outcome == outcome)
        && (since is null || request.StartedAt >= since)
        && (until is null || request.StartedAt < until);

    internal static async Task<TrackedRequest[]> TrackAsync(ICascadeStateStore state, IReadOnlyList<RequestEntry> entries, CancellationToken cancellationToken)
    {
        IReadOnlyList<AttemptRecord>[] attempts = await Task.WhenAll(entries.Select(e => state.GetAttemptsAsync(e.RequestId, cancellationToken).AsTask()));
        return entries.Select((e, i) => new TrackedRequest(e, attempts[i])).ToArray();
    }

    private static ProblemHttpResult Problem(HttpContext context, RouterError error)
    {
        RouterErrorWriter.WriteHeaders(context.Response, error);
        return TypedResults.Problem(statusCode: error.StatusCode, title: error.Code, detail: error.Message);
    }
}
