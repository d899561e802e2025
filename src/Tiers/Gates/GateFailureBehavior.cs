namespace Cascade;

/// <summary>What a gate that depends on a model or a service says when that dependency fails or answers nonsense.</summary>
public enum GateFailureBehavior
{
    /// <summary>Reject, so the cascade escalates: an unchecked answer is not kept. The default.</summary>
    Reject,

    /// <summary>Abstain: the other gates and the workload's abstention rule decide.</summary>
    Abstain,

    /// <summary>Accept: availability over quality.</summary>
    Accept,
}

internal static class GateFailureBehaviorExtensions
{
    public static GateVerdict ToVerdict(this GateFailureBehavior behavior, string gate, string reason) => behavior switch
    {
        GateFailureBehavior.Accept => GateVerdict.Accept(gate, $"{reason}; accepting"),
        GateFailureBehavior.Abstain => GateVerdict.Abstain(gate, $"{reason}; abstaining"),
        _ => GateVerdict.Reject(gate, $"{reason}; rejecting"),
    };
}
