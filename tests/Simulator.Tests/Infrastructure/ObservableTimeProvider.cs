using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.Simulator.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports each timer the server creates, so a test advances time only once the
/// server is really waiting, and can read the delay it waits for.
/// </summary>
public sealed class ObservableTimeProvider : TimeProvider
{
    private readonly ConcurrentQueue<TaskCompletionSource<TimeSpan>> _waiters = new();
    private readonly ConcurrentQueue<TimeSpan> _unclaimed = new();
    private readonly object _gate = new();

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = Fake.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                if (_waiters.TryDequeue(out TaskCompletionSource<TimeSpan>? waiter))
                {
                    waiter.TrySetResult(dueTime);
                }
                else
                {
                    _unclaimed.Enqueue(dueTime);
                }
            }
        }

        return timer;
    }

    /// <summary>Waits until the server creates its next timer and returns its due time.</summary>
    public Task<TimeSpan> NextTimerAsync()
    {
        lock (_gate)
        {
            if (_unclaimed.TryDequeue(out TimeSpan due))
            {
                return Task.FromResult(due);
            }

            var waiter = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
            return waiter.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);
}
