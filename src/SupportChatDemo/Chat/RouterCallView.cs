using Cascade.SupportChatDemo.Routing;

namespace Cascade.SupportChatDemo.Chat;

/// <summary>A router call as the page shows it.</summary>
/// <param name="RequestId">The router's request id.</param>
/// <param name="Tier">The tier that answered.</param>
/// <param name="Model">The model that answered.</param>
/// <param name="Attempts">The provider calls made.</param>
/// <param name="Escalations">The cost escalations.</param>
/// <param name="Fallbacks">The reliability fallbacks.</param>
/// <param name="CostUsd">The billed cost in USD.</param>
/// <param name="Reason">Why this route: first try, escalations, fallbacks.</param>
/// <param name="Steps">
/// Every attempt with its verdict or failure, from the router's attempt log; only on the answering call after an
/// escalation or a fallback, and <see langword="null"/> when the router could not tell.
/// </param>
public sealed record RouterCallView(
    string? RequestId,
    string? Tier,
    string? Model,
    int? Attempts,
    int? Escalations,
    int? Fallbacks,
    decimal? CostUsd,
    string Reason,
    IReadOnlyList<RouteStep>? Steps = null)
{
    /// <summary>Creates the view of a router call.</summary>
    public static RouterCallView Of(RouterCall call, IReadOnlyList<RouteStep>? steps = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new(call.RequestId, call.Tier, call.Model, call.Attempts, call.Escalations, call.Fallbacks, call.CostUsd, call.Reason, steps);
    }
}
