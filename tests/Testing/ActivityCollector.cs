using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cascade.Testing;

/// <summary>Collects the activities (spans) that named sources stop, for asserting traces without an exporter.</summary>
public sealed class ActivityCollector : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    /// <summary>Starts listening to the sources whose name is one of <paramref name="sourceNames"/>.</summary>
    public ActivityCollector(params string[] sourceNames)
    {
        var names = new HashSet<string>(sourceNames, StringComparer.Ordinal);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => names.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Gets the stopped activities, in the order they stopped.</summary>
    public IReadOnlyList<Activity> Stopped => _stopped.ToArray();

    /// <summary>Gets the stopped activities with a given operation name.</summary>
    public IReadOnlyList<Activity> Named(string operationName) => Stopped.Where(a => a.OperationName == operationName).ToArray();

    /// <inheritdoc/>
    public void Dispose() => _listener.Dispose();
}
