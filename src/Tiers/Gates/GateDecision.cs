using System.Text.Json.Serialization;

namespace Cascade;

/// <summary>What a quality gate says of an answer.</summary>
public enum GateDecision
{
    /// <summary>The gate has no opinion; the workload's abstention rule decides.</summary>
    [JsonStringEnumMemberName("abstain")]
    Abstain,

    /// <summary>The answer is good enough to keep.</summary>
    [JsonStringEnumMemberName("accept")]
    Accept,

    /// <summary>The answer is not good enough; escalate.</summary>
    [JsonStringEnumMemberName("reject")]
    Reject,
}
