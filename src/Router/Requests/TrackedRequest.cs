namespace Cascade.Router;

/// <summary>A request of the index with its attempts from the attempt log, and the figures stats and listings show of it.</summary>
public sealed record TrackedRequest
{
    /// <summary>Initializes the request from its index entry and its logged attempts.</summary>
    public TrackedRequest(RequestEntry entry, IReadOnlyList<AttemptRecord> attempts)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(attempts);
        Entry = entry;
        AttemptRecord[] ordered = attempts.DistinctBy(a => a.Sequence).OrderBy(a => a.Sequence).ToArray();
        Kept = ordered.LastOrDefault(a => a.Outcome is AttemptOutcome.Accepted or AttemptOutcome.Kept);
        Route = new CascadeRoute { RequestId = entry.RequestId, Workload = entry.Workload, Attempts = ordered, ResolvedTier = Kept?.Tier };
    }

    /// <summary>Gets the index entry (key, workload, when).</summary>
    public RequestEntry Entry { get; }

    /// <summary>Gets the route rebuilt from the attempt log.</summary>
    public CascadeRoute Route { get; }

    /// <summary>Gets the attempt whose answer was kept, if any.</summary>
    public AttemptRecord? Kept { get; }

    /// <summary>Gets when the first attempt started, or the entry's time when no attempt is logged.</summary>
    public DateTimeOffset StartedAt => Route.Attempts.Count == 0 ? Entry.At : Route.Attempts.Min(a => a.StartedAt);

    /// <summary>Gets the time from the first attempt's start to the last attempt's end.</summary>
    public TimeSpan? Duration => Route.Attempts.Count == 0 ? null : Route.Attempts.Max(a => a.StartedAt + a.Duration) - StartedAt;

    /// <summary>Gets the time from the first attempt's start to the first token of the kept answer.</summary>
    public TimeSpan? TimeToFirstToken => Kept?.TimeToFirstToken is { } ttft ? Kept.StartedAt + ttft - StartedAt : null;

    /// <summary>Gets how the request ended: the outcome of its last attempt that was not a verification call.</summary>
    public AttemptOutcome? Outcome => Route.Attempts.LastOrDefault(a => a.Kind != AttemptKind.Verification)?.Outcome;

    /// <summary>Gets the most input tokens any tier was sent (the whole prompt; escalations send a trimmed handoff).</summary>
    public long PromptTokens => Route.Attempts.Where(a => a.Kind != AttemptKind.Verification).Select(a => a.Usage.TotalInputTokens).DefaultIfEmpty().Max();

    /// <summary>Gets what sending the request straight to <paramref name="topTier"/> would have cost: the prompt and the kept answer's output at its price.</summary>
    public decimal TopTierCost(PriceTable topTier)
    {
        ArgumentNullException.ThrowIfNull(topTier);
        return topTier.CostOf(PromptTokens, Kept?.Usage.OutputTokens ?? 0);
    }
}
