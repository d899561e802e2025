namespace Cascade;

/// <summary>
/// Keys of <see cref="Microsoft.Extensions.AI.ChatOptions.AdditionalProperties"/> a caller sets to steer one request.
/// </summary>
public static class CascadeOptionKeys
{
    /// <summary>The request id (a <see cref="string"/>); a new one is made when absent.</summary>
    public const string RequestId = "cascade.request_id";

    /// <summary>The workload tag (a <see cref="string"/>), used for per-workload statistics and start tiers.</summary>
    public const string Workload = "cascade.workload";

    /// <summary>The request's <see cref="RequestLimits"/>, replacing the configured defaults.</summary>
    public const string Limits = "cascade.limits";

    /// <summary>A tier name (a <see cref="string"/>) that pins the request to that tier: no routing, no escalation.</summary>
    public const string PinnedTier = "cascade.tier";

    /// <summary>The request's <see cref="GateExpectations"/>.</summary>
    public const string Expectations = "cascade.expectations";
}
