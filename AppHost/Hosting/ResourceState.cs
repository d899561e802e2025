namespace Cascade.AppHost.Hosting;

/// <summary>Where a resource is in its life.</summary>
public enum ResourceState
{
    /// <summary>Not started yet (waiting for what it waits for).</summary>
    NotStarted,

    /// <summary>Its process runs but is not healthy yet.</summary>
    Starting,

    /// <summary>Healthy (or, for a resource without a process, available).</summary>
    Running,

    /// <summary>Its process exited unexpectedly and a restart is scheduled.</summary>
    Restarting,

    /// <summary>It could not be started or kept running; the restart policy gave up.</summary>
    Failed,

    /// <summary>Not started on purpose (an optional project that is absent, or Redis without <c>redis-server</c>).</summary>
    Skipped,

    /// <summary>Stopped by the AppHost.</summary>
    Stopped,
}
