namespace Cascade;

/// <summary>What a quality gate says of an answer.</summary>
public enum GateDecision
{
    /// <summary>The gate has no opinion; the workload's abstention rule decides.</summary>
    Abstain,

    /// <summary>The answer is good enough to keep.</summary>
    Accept,

    /// <summary>The answer is not good enough; escalate.</summary>
    Reject,
}
