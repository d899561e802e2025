using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>The way one request took through the cascade: its decision, every attempt and the totals.</summary>
/// <remarks>A response carries its route in <see cref="ChatResponse.AdditionalProperties"/> under <see cref="PropertyKey"/>.</remarks>
public sealed record CascadeRoute
{
    /// <summary>The key of the route in <see cref="ChatResponse.AdditionalProperties"/> and <see cref="ChatResponseUpdate.AdditionalProperties"/>.</summary>
    public const string PropertyKey = "cascade.route";

    /// <summary>Gets the request id.</summary>
    public required string RequestId { get; init; }

    /// <summary>Gets the workload tag, when the request carried one.</summary>
    public string? Workload { get; init; }

    /// <summary>Gets how the start tier was chosen.</summary>
    public RouteDecision? Decision { get; init; }

    /// <summary>Gets the tier whose answer was kept, or <see langword="null"/> when none was.</summary>
    public string? ResolvedTier { get; init; }

    /// <summary>Gets the model whose answer was kept.</summary>
    public string? ResolvedModel { get; init; }

    /// <summary>Gets why the request stopped short of an accepted answer (a budget, a deadline, a failure), if it did.</summary>
    public string? StopReason { get; init; }

    /// <summary>Gets every attempt, in order.</summary>
    public IReadOnlyList<AttemptRecord> Attempts { get; init; } = [];

    /// <summary>Gets the USD cost: the sum over billed attempts, failed ones included.</summary>
    public decimal TotalCost => Attempts.Where(a => a.Billed).Sum(a => a.Cost);

    /// <summary>Gets the tokens of billed attempts.</summary>
    public TokenUsage TotalUsage => Attempts.Where(a => a.Billed).Aggregate(TokenUsage.None, (sum, a) => sum + a.Usage);

    /// <summary>Gets the number of cost escalations.</summary>
    public int Escalations => Attempts.Count(a => a.Kind == AttemptKind.Escalation);

    /// <summary>Gets the number of reliability fallbacks.</summary>
    public int Fallbacks => Attempts.Count(a => a.Kind == AttemptKind.Fallback);

    /// <summary>Gets the number of retries.</summary>
    public int Retries => Attempts.Count(a => a.Kind == AttemptKind.Retry);

    /// <summary>Gets the number of provider calls, verification calls included.</summary>
    public int ModelCalls => Attempts.Count;
}

/// <summary>Reads the route from a response, a streamed update or the exception a request ended with.</summary>
public static class CascadeRouteExtensions
{
    /// <summary>
    /// Gets the route of a request that ended with <paramref name="exception"/>, its caller's cancellation and its
    /// deadline included: every attempt it made, billed ones too. <see langword="null"/> when the request was refused
    /// before it started (no messages, an unknown tier, a prompt no tier can hold) or the exception did not come from a cascade.
    /// </summary>
    public static CascadeRoute? GetCascadeRoute(this Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Data[CascadeRoute.PropertyKey] as CascadeRoute;
    }

    /// <summary>Gets the route a cascade attached to a response, or <see langword="null"/>.</summary>
    public static CascadeRoute? GetCascadeRoute(this ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.AdditionalProperties?.TryGetValue(CascadeRoute.PropertyKey, out object? value) == true ? value as CascadeRoute : null;
    }

    /// <summary>Gets the route a cascade attached to a streamed update (the last one of a stream), or <see langword="null"/>.</summary>
    public static CascadeRoute? GetCascadeRoute(this ChatResponseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update.AdditionalProperties?.TryGetValue(CascadeRoute.PropertyKey, out object? value) == true ? value as CascadeRoute : null;
    }
}
