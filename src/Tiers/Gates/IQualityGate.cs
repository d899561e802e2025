namespace Cascade;

/// <summary>
/// A quality gate: judges a tier's answer and says accept, reject or abstain. Gates run cheapest first; the first
/// rejection escalates, and the workload's abstention rule decides when no gate accepted or rejected.
/// </summary>
/// <remarks>
/// Gates judge final answers: a turn whose answer is a tool call is passed through without gating. A gate that
/// makes model calls (a judge, a consistency sample) records them in <see cref="GateContext.Ledger"/> as
/// <see cref="AttemptKind.Verification"/> attempts so their cost lands in the request's route.
/// </remarks>
public interface IQualityGate
{
    /// <summary>Gets the gate's name, as it appears in verdicts, logs and metrics.</summary>
    string Name { get; }

    /// <summary>Gets what running the gate costs; the pipeline runs cheaper gates first.</summary>
    /// <value>The default value is <see cref="GateCost.Free"/>.</value>
    GateCost Cost => GateCost.Free;

    /// <summary>Judges one answer.</summary>
    /// <param name="context">The request, the answer and where it came from.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The verdict.</returns>
    ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default);
}

/// <summary>A gate that changes what a tier is sent (for example an instruction to the model) and the answer that is kept.</summary>
public interface IRequestShapingGate : IQualityGate
{
    /// <summary>Returns the options to send to the tier (a copy when changed; never mutates <paramref name="options"/>).</summary>
    Microsoft.Extensions.AI.ChatOptions? ShapeRequest(Microsoft.Extensions.AI.ChatOptions? options);

    /// <summary>Returns the answer to keep after the gate accepted it (for example with a marker stripped).</summary>
    Microsoft.Extensions.AI.ChatResponse ShapeResponse(Microsoft.Extensions.AI.ChatResponse response);
}

/// <summary>What running a gate costs; <see cref="GatePipeline"/> runs gates in this order, configuration order within a class.</summary>
public enum GateCost
{
    /// <summary>Reads the answer only (text checks, a schema, logprobs already returned).</summary>
    Free,

    /// <summary>Makes a model call (a judge, a second sample).</summary>
    ModelCall,

    /// <summary>Calls another service (the verifier), which may itself call a model.</summary>
    Remote,
}
