namespace Cascade;

/// <summary>What a <see cref="GatePipeline"/> decided of one answer.</summary>
/// <param name="Decision">Accept or reject; never abstain (abstentions are resolved).</param>
/// <param name="Verdict">The deciding verdict: the first rejection, the first acceptance, or the abstention rule's verdict.</param>
/// <param name="Verdicts">Every verdict the gates that ran gave, in the order they ran.</param>
/// <param name="ResolvedByAbstention">Whether every gate abstained and the abstention rule decided.</param>
public sealed record GatePipelineResult(GateDecision Decision, GateVerdict Verdict, IReadOnlyList<GateVerdict> Verdicts, bool ResolvedByAbstention = false)
{
    /// <summary>The gate name used on verdicts the pipeline itself gives (tool-call turns, abstentions, the last tier).</summary>
    public const string PipelineGateName = "pipeline";

    /// <summary>Gets whether the answer is kept.</summary>
    public bool IsAccepted => Decision == GateDecision.Accept;

    /// <summary>Gets whether the answer escalates.</summary>
    public bool IsRejected => Decision == GateDecision.Reject;
}
