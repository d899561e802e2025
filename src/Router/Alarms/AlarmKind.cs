namespace Cascade.Router;

/// <summary>The conditions the router raises alarms on.</summary>
public enum AlarmKind
{
    /// <summary>A workload's start tier is rejected more often than <see cref="AlarmOptions.EscalationRate"/>.</summary>
    EscalationRate,

    /// <summary>More than <see cref="AlarmOptions.FallbackShare"/> of recent requests needed a reliability fallback.</summary>
    FallbackShare,

    /// <summary>A deployment's circuit is open or half-open.</summary>
    CircuitOpen,

    /// <summary>A key spends faster than its daily or monthly cap allows.</summary>
    SpendPace,
}
