namespace Cascade.AppHost.Hosting;

/// <summary>
/// Applies a <see cref="RestartPolicy"/> to one resource: counts crashes in a row, forgets them once the process has
/// stayed up for <see cref="RestartPolicy.StableUptime"/>, and doubles the backoff up to the maximum.
/// </summary>
public sealed class RestartTracker
{
    private readonly RestartPolicy _policy;
    private readonly TimeProvider _timeProvider;
    private long _startedAt;
    private int _restartsInARow;

    /// <summary>Initializes a tracker for <paramref name="policy"/> on <paramref name="timeProvider"/>'s clock.</summary>
    public RestartTracker(RestartPolicy policy, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _policy = policy;
        _timeProvider = timeProvider;
        _startedAt = timeProvider.GetTimestamp();
    }

    /// <summary>Gets how many restarts in a row have been decided.</summary>
    public int RestartsInARow => _restartsInARow;

    /// <summary>Records that the process (re)started now.</summary>
    public void MarkStarted() => _startedAt = _timeProvider.GetTimestamp();

    /// <summary>Records that the process exited unexpectedly now, and decides whether and when to restart it.</summary>
    public RestartDecision OnExited()
    {
        if (_timeProvider.GetElapsedTime(_startedAt) >= _policy.StableUptime)
        {
            _restartsInARow = 0;
        }

        if (_restartsInARow >= _policy.MaxRestarts)
        {
            return new RestartDecision(false, TimeSpan.Zero, _restartsInARow);
        }

        var delay = Backoff(_restartsInARow);
        _restartsInARow++;
        return new RestartDecision(true, delay, _restartsInARow);
    }

    private TimeSpan Backoff(int restartsBefore)
    {
        // Doubling overflows long before 63 steps matter; the cap is reached within a handful.
        var factor = Math.Pow(2, Math.Min(restartsBefore, 30));
        var ticks = Math.Min(_policy.InitialBackoff.Ticks * factor, _policy.MaxBackoff.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
