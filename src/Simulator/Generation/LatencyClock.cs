namespace Cascade.Simulator.Generation;

/// <summary>Waits on the injected <see cref="TimeProvider"/>; a zero delay completes at once without allocating.</summary>
internal static class LatencyClock
{
    public static Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;
        }

        return Task.Delay(delay, time, cancellationToken);
    }
}
