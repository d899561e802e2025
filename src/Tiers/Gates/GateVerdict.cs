namespace Cascade;

/// <summary>A quality gate's judgement of one answer.</summary>
/// <param name="Gate">The gate's name.</param>
/// <param name="Decision">Accept, reject or abstain.</param>
/// <param name="Score">A confidence score from 0 to 1, when the gate computes one.</param>
/// <param name="Reason">Why, in a few words a person can read in a log.</param>
public sealed record GateVerdict(string Gate, GateDecision Decision, double? Score = null, string? Reason = null)
{
    /// <summary>Creates an accepting verdict.</summary>
    public static GateVerdict Accept(string gate, string? reason = null, double? score = null) => new(gate, GateDecision.Accept, score, reason);

    /// <summary>Creates a rejecting verdict.</summary>
    public static GateVerdict Reject(string gate, string reason, double? score = null) => new(gate, GateDecision.Reject, score, reason);

    /// <summary>Creates an abstaining verdict.</summary>
    public static GateVerdict Abstain(string gate, string? reason = null, double? score = null) => new(gate, GateDecision.Abstain, score, reason);

    /// <summary>Gets whether the verdict keeps the answer.</summary>
    public bool IsAccepted => Decision == GateDecision.Accept;

    /// <summary>Gets whether the verdict escalates.</summary>
    public bool IsRejected => Decision == GateDecision.Reject;

    /// <inheritdoc/>
    public override string ToString() => Reason is null ? $"{Gate}: {Decision}" : $"{Gate}: {Decision} ({Reason})";
}
