namespace Cascade;

/// <summary>What happened to one request of a workload; the workload statistics are computed from a window of these.</summary>
public sealed record WorkloadOutcome
{
    /// <summary>Gets when the request finished.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Gets the tier the request started at.</summary>
    public required string StartTier { get; init; }

    /// <summary>Gets the tier whose answer was kept, if any.</summary>
    public string? ResolvedTier { get; init; }

    /// <summary>Gets whether the first tier's answer was rejected (the request escalated).</summary>
    public bool Escalated { get; init; }

    /// <summary>Gets whether a reliability fallback happened.</summary>
    public bool FellBack { get; init; }

    /// <summary>Gets whether a retry happened.</summary>
    public bool Retried { get; init; }

    /// <summary>Gets whether this request was a probe sent to a lower tier than the workload's start tier.</summary>
    public bool Probe { get; init; }

    /// <summary>Gets the cost of the first attempt.</summary>
    public decimal FirstAttemptCost { get; init; }

    /// <summary>Gets the cost of fallback attempts.</summary>
    public decimal FallbackCost { get; init; }

    /// <summary>Gets the cost of retries.</summary>
    public decimal RetryCost { get; init; }

    /// <summary>Gets the request's whole cost.</summary>
    public decimal TotalCost { get; init; }
}
