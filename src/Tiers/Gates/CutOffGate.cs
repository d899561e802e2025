using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>Rejects an answer the provider cut off at its output-token limit (finish reason <c>length</c>).</summary>
/// <remarks>A cut-off answer is incomplete whatever it says; the gate abstains on every other answer.</remarks>
public sealed class CutOffGate : IQualityGate
{
    /// <summary>The gate's kind and name: <c>cut-off</c>.</summary>
    public const string Kind = "cut-off";

    private readonly CutOffGateOptions _options;

    /// <summary>Initializes the gate.</summary>
    public CutOffGate(CutOffGateOptions? options = null) => _options = options ?? new CutOffGateOptions();

    /// <inheritdoc/>
    public string Name => Kind;

    /// <inheritdoc/>
    public ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ChatFinishReason? reason = context.Response.FinishReason;
        return ValueTask.FromResult(
            reason == ChatFinishReason.Length ? GateVerdict.Reject(Name, "cut off at the output-token limit", 0)
            : reason == ChatFinishReason.ContentFilter && _options.RejectContentFilter ? GateVerdict.Reject(Name, "stopped by the content filter", 0)
            : GateVerdict.Abstain(Name, reason is null ? "no finish reason" : $"finished: {reason}"));
    }
}
