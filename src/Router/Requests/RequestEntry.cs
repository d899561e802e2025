namespace Cascade.Router;

/// <summary>One request in the request index: whose it was and which workload it ran under; its attempts are in the attempt log.</summary>
public sealed record RequestEntry
{
    /// <summary>Gets the request id.</summary>
    public required string RequestId { get; init; }

    /// <summary>Gets the id of the API key that made the request.</summary>
    public required string KeyId { get; init; }

    /// <summary>Gets the workload the request ran under, if any.</summary>
    public string? Workload { get; init; }

    /// <summary>Gets when the request finished (was settled).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Gets the entry's position in the index, increasing with each entry; the listing's cursor.</summary>
    public long Sequence { get; init; }
}
