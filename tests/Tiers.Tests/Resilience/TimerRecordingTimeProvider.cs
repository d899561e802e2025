using Microsoft.Extensions.Time.Testing;

namespace Cascade.Tests.Resilience;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that records every time a timer is armed (created or changed) and for how long,
/// so a test can wait until a delay or timeout has started, check its length, and only then advance the clock.
/// </summary>
public sealed class TimerRecordingTimeProvider : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _dueTimes = [];
    private readonly List<(TimeSpan Due, int Occurrence, TaskCompletionSource Signal)> _waiters = [];

    /// <summary>Gets the due time of every arming so far, in order.</summary>
    public IReadOnlyList<TimeSpan> DueTimes
    {
        get
        {
            lock (_lock)
            {
                return _dueTimes.ToArray();
            }
        }
    }

    /// <summary>Gets how many times a timer was armed for exactly <paramref name="due"/>.</summary>
    public int CountOf(TimeSpan due)
    {
        lock (_lock)
        {
            return _dueTimes.Count(d => d == due);
        }
    }

    /// <summary>Completes when a timer has been armed for exactly <paramref name="due"/> at least <paramref name="occurrence"/> times.</summary>
    public Task WaitForTimerAsync(TimeSpan due, int occurrence = 1)
    {
        lock (_lock)
        {
            if (_dueTimes.Count(d => d == due) >= occurrence)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((due, occurrence, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        Armed(dueTime);
        return new RecordingTimer(timer, this);
    }

    private void Armed(TimeSpan due)
    {
        if (due == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        lock (_lock)
        {
            _dueTimes.Add(due);
            int count = _dueTimes.Count(d => d == due);
            foreach (var waiter in _waiters.Where(w => w.Due == due && w.Occurrence <= count).ToArray())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    private sealed class RecordingTimer(ITimer inner, TimerRecordingTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool changed = inner.Change(dueTime, period);
            owner.Armed(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
