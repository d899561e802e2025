using Microsoft.Extensions.Time.Testing;

namespace Cascade.Tests.Resilience;

/// <summary>A <see cref="FakeTimeProvider"/> that records every timer's due time, so a test can wait until a delay has started and check its length.</summary>
public sealed class TimerRecordingTimeProvider : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _dueTimes = [];
    private readonly List<(TimeSpan Due, TaskCompletionSource Signal)> _waiters = [];

    /// <summary>Gets the due times of every timer created so far.</summary>
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

    /// <summary>Completes when a timer due in exactly <paramref name="due"/> has been created.</summary>
    public Task WaitForTimerAsync(TimeSpan due)
    {
        lock (_lock)
        {
            if (_dueTimes.Contains(due))
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((due, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_lock)
        {
            _dueTimes.Add(dueTime);
            foreach ((TimeSpan due, TaskCompletionSource signal) in _waiters.Where(w => w.Due == dueTime).ToArray())
            {
                signal.TrySetResult();
                _waiters.Remove((due, signal));
            }
        }

        return timer;
    }
}
