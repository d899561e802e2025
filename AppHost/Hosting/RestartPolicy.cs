namespace Cascade.AppHost.Hosting;

/// <summary>How a resource whose process exits unexpectedly is restarted: a bounded number of times, with exponential backoff.</summary>
public sealed class RestartPolicy
{
    /// <summary>Gets or sets how many restarts in a row are attempted before the resource is left stopped.</summary>
    /// <value>The default value is 3.</value>
    public int MaxRestarts { get; set; } = 3;

    /// <summary>Gets or sets the wait before the first restart; each further restart in a row waits twice as long.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest wait between restarts.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long a process must stay up for its next crash to count as the first in a row again.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan StableUptime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets a policy that never restarts.</summary>
    public static RestartPolicy Never => new() { MaxRestarts = 0 };

    /// <summary>Returns the problems with these settings, empty when they are valid.</summary>
    /// <param name="prefix">The configuration path the settings came from, used in the messages.</param>
    public IEnumerable<string> Validate(string prefix = "RestartPolicy")
    {
        if (MaxRestarts < 0)
        {
            yield return $"{prefix}:MaxRestarts must be 0 or more (was {MaxRestarts}).";
        }

        if (InitialBackoff < TimeSpan.Zero)
        {
            yield return $"{prefix}:InitialBackoff must not be negative (was {InitialBackoff}).";
        }

        if (MaxBackoff < InitialBackoff)
        {
            yield return $"{prefix}:MaxBackoff ({MaxBackoff}) must be at least InitialBackoff ({InitialBackoff}).";
        }

        if (StableUptime <= TimeSpan.Zero)
        {
            yield return $"{prefix}:StableUptime must be positive (was {StableUptime}).";
        }
    }

    /// <summary>Returns a copy of this policy.</summary>
    public RestartPolicy Clone() => new()
    {
        MaxRestarts = MaxRestarts,
        InitialBackoff = InitialBackoff,
        MaxBackoff = MaxBackoff,
        StableUptime = StableUptime,
    };
}
