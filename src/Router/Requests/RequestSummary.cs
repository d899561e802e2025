namespace Cascade.Router;

/// <summary>One request as <c>GET /v1/requests</c> lists it; its attempts are at <c>GET /v1/requests/{id}</c>.</summary>
/// <param name="RequestId">The request id.</param>
/// <param name="KeyId">The API key that made it.</param>
/// <param name="Workload">The workload it ran under.</param>
/// <param name="StartedAt">When its first attempt started.</param>
/// <param name="ResolvedTier">The tier whose answer was kept, if any.</param>
/// <param name="Outcome">How its last attempt (verification calls aside) ended.</param>
/// <param name="Attempts">The attempts made.</param>
/// <param name="Escalations">The cost escalations.</param>
/// <param name="Fallbacks">The reliability fallbacks.</param>
/// <param name="Retries">The retries.</param>
/// <param name="Cost">The billed USD over every attempt.</param>
/// <param name="DurationMs">Milliseconds from the first attempt's start to the last attempt's end.</param>
/// <param name="TimeToFirstTokenMs">Milliseconds from the first attempt's start to the kept answer's first token.</param>
public sealed record RequestSummary(
    string RequestId,
    string KeyId,
    string? Workload,
    DateTimeOffset StartedAt,
    string? ResolvedTier,
    AttemptOutcome? Outcome,
    int Attempts,
    int Escalations,
    int Fallbacks,
    int Retries,
    decimal Cost,
    double? DurationMs,
    double? TimeToFirstTokenMs)
{
    /// <summary>Gets the summary of a tracked request.</summary>
    public static RequestSummary Of(TrackedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        CascadeRoute route = request.Route;
        return new(
            request.Entry.RequestId,
            request.Entry.KeyId,
            request.Entry.Workload,
            request.StartedAt,
            route.ResolvedTier,
            request.Outcome,
            route.ModelCalls,
            route.Escalations,
            route.Fallbacks,
            route.Retries,
            route.TotalCost,
            request.Duration?.TotalMilliseconds,
            request.TimeToFirstToken?.TotalMilliseconds);
    }
}
