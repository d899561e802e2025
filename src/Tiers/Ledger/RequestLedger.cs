using System.Diagnostics;

namespace Cascade;

/// <summary>The running account of one request: its id, workload and every attempt so far.</summary>
/// <remarks>
/// One ledger is created per request by the cascade and handed to every tier call, so cost escalations,
/// retries, fallbacks and verification calls all land under one request id. Thread-safe.
/// </remarks>
public sealed class RequestLedger
{
    private readonly List<AttemptRecord> _attempts = [];
    private readonly Dictionary<int, (Activity Span, bool Held)> _spans = [];
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

        Activity? finished = null;
        lock (_lock)
        {
            _attempts.Add(attempt);
            if (_spans.TryGetValue(attempt.Sequence, out var open) && !(open.Held && attempt.Outcome == AttemptOutcome.Kept))
            {
                finished = open.Span;
            }
        }

        if (finished is not null)
        {
            CascadeTelemetry.FinishAttemptSpan(finished, attempt);
        }

        AttemptRecorded?.Invoke(attempt);
    }

    /// <summary>Gets or sets what runs as each attempt is recorded (the cascade's attempt metrics).</summary>
    internal Action<AttemptRecord>? AttemptRecorded { get; set; }

    /// <summary>Registers the live span of an attempt that has just started; <paramref name="held"/> keeps a kept answer's span open until its verdict is recorded with <see cref="Update"/>.</summary>
    internal void OpenSpan(int sequence, Activity span, bool held)
    {
        lock (_lock)
        {
            _spans[sequence] = (span, held);
        }
    }

    /// <summary>Gets whether an attempt had a live span (so no span is written for it after the fact).</summary>
    internal bool HasSpan(int sequence)
    {
        lock (_lock)
        {
            return _spans.ContainsKey(sequence);
        }
    }

    /// <summary>Ends every span still open (an answer whose verdict never came: the request was cancelled or stopped).</summary>
    internal void CloseSpans()
    {
        List<(Activity, AttemptRecord?)> open;
        lock (_lock)
        {
            open = _spans.Where(s => !s.Value.Span.IsStopped)
                .Select(s => (s.Value.Span, _attempts.FirstOrDefault(a => a.Sequence == s.Key)))
                .ToList();
        }

        foreach ((Activity span, AttemptRecord? attempt) in open)
        {
            CascadeTelemetry.FinishAttemptSpan(span, attempt);
        }
    }

    /// <summary>Replaces a recorded attempt (for example to add the gate verdict once the answer was judged).</summary>
    public void Update(int sequence, Func<AttemptRecord, AttemptRecord> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        AttemptRecord updated;
        Activity? span;
        lock (_lock)
        {
            int index = _attempts.FindIndex(a => a.Sequence == sequence);
            if (index < 0)
            {
                throw new InvalidOperationException($"Request '{RequestId}' has no attempt {sequence}.");
            }

            _attempts[index] = update(_attempts[index]);
            updated = _attempts[index];
            span = _spans.TryGetValue(sequence, out var open) ? open.Span : null;
        }

        if (span is not null)
        {
            CascadeTelemetry.FinishAttemptSpan(span, updated);
        }
    }

    /// <summary>Makes a new request id: 32 lowercase hex digits, the W3C trace-id shape.</summary>
    public static string NewRequestId() => Guid.NewGuid().ToString("N");
}
