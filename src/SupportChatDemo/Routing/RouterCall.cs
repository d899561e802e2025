namespace Cascade.SupportChatDemo.Routing;

/// <summary>One call to the router as its <c>x-cascade-*</c> response headers report it.</summary>
/// <param name="RequestId">The router's request id (<c>x-cascade-request-id</c>).</param>
/// <param name="Tier">The tier whose answer was kept (<c>x-cascade-tier</c>).</param>
/// <param name="Model">The model whose answer was kept (<c>x-cascade-model</c>).</param>
/// <param name="Attempts">The number of provider calls (<c>x-cascade-attempts</c>).</param>
/// <param name="Escalations">The number of cost escalations (<c>x-cascade-escalations</c>).</param>
/// <param name="Fallbacks">The number of reliability fallbacks (<c>x-cascade-fallbacks</c>).</param>
/// <param name="CostUsd">The billed USD cost of every attempt (<c>x-cascade-cost-usd</c>).</param>
public sealed record RouterCall(
    string? RequestId,
    string? Tier,
    string? Model,
    int? Attempts,
    int? Escalations,
    int? Fallbacks,
    decimal? CostUsd)
{
    /// <summary>Gets a one-line explanation of the route: first try, escalations, fallbacks.</summary>
    public string Reason
    {
        get
        {
            List<string> parts = [];
            if (Escalations is > 0)
            {
                parts.Add(Escalations == 1 ? "escalated once: a cheaper answer did not pass the quality gate" : $"escalated {Escalations} times: cheaper answers did not pass the quality gate");
            }

            if (Fallbacks is > 0)
            {
                parts.Add(Fallbacks == 1 ? "one fallback after a provider failure" : $"{Fallbacks} fallbacks after provider failures");
            }

            if (parts.Count == 0)
            {
                return Attempts is 1 ? "answered on the first try" : $"{Attempts?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} attempts, no escalation";
            }

            return string.Join("; ", parts);
        }
    }
}
