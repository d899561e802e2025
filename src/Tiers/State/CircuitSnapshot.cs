namespace Cascade;

/// <summary>The state of a deployment's circuit breaker.</summary>
public enum CircuitState
{
    /// <summary>Calls flow.</summary>
    Closed,

    /// <summary>Calls are refused until the break ends; the tier skips the deployment.</summary>
    Open,

    /// <summary>The break ended; probe calls decide whether to close again.</summary>
    HalfOpen,
}

/// <summary>A deployment's circuit as kept in shared state, so replicas see the same circuit.</summary>
/// <param name="State">Closed, open or half-open.</param>
/// <param name="ConsecutiveFailures">Failures since the last success while closed.</param>
/// <param name="ProbeSuccesses">Successful probes while half-open.</param>
/// <param name="OpenedAt">When the circuit last opened.</param>
/// <param name="UpdatedAt">When this snapshot was written.</param>
public sealed record CircuitSnapshot(
    CircuitState State,
    int ConsecutiveFailures,
    int ProbeSuccesses,
    DateTimeOffset? OpenedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Gets a closed circuit with no failures.</summary>
    public static CircuitSnapshot Closed(DateTimeOffset now) => new(CircuitState.Closed, 0, 0, null, now);
}
