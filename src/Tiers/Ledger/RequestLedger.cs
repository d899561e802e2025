namespace Cascade;

/// <summary>The running account of one request: its id, workload and every attempt so far.</summary>
/// <remarks>
/// One ledger is created per request by the cascade and handed to every tier call, so cost escalations,
/// retries, fallbacks and verification calls all land under one request id. Thread-safe.
/// </remarks>
public sealed class RequestLedger
{
    private readonly List<AttemptRecord> _attempts = [];
    private readonly Lock _lock = new();
    private int _sequence;

    /// <summary>Initializes a ledger.</summary>
    /// <param name="requestId">The request id; a new one is made when <see langword="null"/>.</param>
    /// <param name="workload">The workload tag, if any.</param>
    /// <param name="timeProvider">The clock attempts are timed with.</param>
    public RequestLedger(string? requestId = null, string? workload = null, TimeProvider? timeProvider = null)
    {
        RequestId = string.IsNullOrWhiteSpace(requestId) ? NewRequestId() : requestId;
        Workload = workload;
        TimeProvider = timeProvider ?? TimeProvider.System;
        StartedAt = TimeProvider.GetUtcNow();
    }

    /// <summary>Gets the request id.</summary>
    public string RequestId { get; }

    /// <summary>Gets the workload tag.</summary>
    public string? Workload { get; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets when the request started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets the request's ceilings; every tier call checks them before it is made.</summary>
    public RequestLimits Limits { get; init; } = RequestLimits.Default;

    /// <summary>Gets when the request must be done, from <see cref="RequestLimits.Timeout"/>, or <see langword="null"/>.</summary>
    public DateTimeOffset? Deadline => Limits.Timeout is { } timeout ? StartedAt + timeout : null;

    /// <summary>Gets the time left before <see cref="Deadline"/>, never negative, or <see langword="null"/> when there is no deadline.</summary>
    public TimeSpan? RemainingTime => Deadline is { } deadline ? (deadline - TimeProvider.GetUtcNow()) is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero : null;

    /// <summary>Gets a snapshot of the attempts, in order.</summary>
    public IReadOnlyList<AttemptRecord> Attempts
    {
        get
        {
            lock (_lock)
            {
                return _attempts.ToArray();
            }
        }
    }

    /// <summary>Gets the USD cost of billed attempts so far.</summary>
    public decimal TotalCost
    {
        get
        {
            lock (_lock)
            {
                return _attempts.Where(a => a.Billed).Sum(a => a.Cost);
            }
        }
    }

    /// <summary>Gets the number of provider calls so far.</summary>
    public int ModelCalls
    {
        get
        {
            lock (_lock)
            {
                return _attempts.Count;
            }
        }
    }

    /// <summary>Reserves the next attempt sequence number.</summary>
    public int NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>Adds an attempt.</summary>
    public void Add(AttemptRecord attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (attempt.RequestId != RequestId)
        {
            throw new ArgumentException($"Attempt belongs to request '{attempt.RequestId}', not '{RequestId}'.", nameof(attempt));
        }

        lock (_lock)
        {
            _attempts.Add(attempt);
        }
    }

    /// <summary>Replaces a recorded attempt (for example to add the gate verdict once the answer was judged).</summary>
    public void Update(int sequence, Func<AttemptRecord, AttemptRecord> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_lock)
        {
            int index = _attempts.FindIndex(a => a.Sequence == sequence);
            if (index < 0)
            {
                throw new InvalidOperationException($"Request '{RequestId}' has no attempt {sequence}.");
            }

            _attempts[index] = update(_attempts[index]);
        }
    }

    /// <summary>Makes a new request id: 32 lowercase hex digits, the W3C trace-id shape.</summary>
    public static string NewRequestId() => Guid.NewGuid().ToString("N");
}
