namespace Cascade;

/// <summary>
/// Accepts an answer the model gave a high log-probability, rejects one below the threshold, abstains when the answer carries
/// no logprobs. The threshold comes from the workload, else the calibration (per workload and model), else the default.
/// </summary>
/// <remarks>See <see cref="LogprobConfidence"/> for where the log-probability is read from. The verdict's score is its probability, e^logprob.</remarks>
public sealed class LogprobConfidenceGate : IQualityGate
{
    /// <summary>The gate's kind and name: <c>logprob</c>.</summary>
    public const string Kind = "logprob";

    private readonly LogprobConfidenceGateOptions _options;

    /// <summary>Initializes the gate.</summary>
    public LogprobConfidenceGate(LogprobConfidenceGateOptions? options = null) => _options = options ?? new LogprobConfidenceGateOptions();

    /// <inheritdoc/>
    public string Name => Kind;

    /// <inheritdoc/>
    public ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!LogprobConfidence.TryGet(context.Response, _options.Aggregation, out double logprob))
        {
            return ValueTask.FromResult(GateVerdict.Abstain(Name, "no logprobs"));
        }

        double threshold = _options.ThresholdFor(context.Workload, context.Model ?? context.Response.ModelId);
        double probability = Math.Exp(Math.Min(0, logprob));
        string detail = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"logprob {logprob:G4} vs threshold {threshold:G4}");
        return ValueTask.FromResult(logprob >= threshold
            ? GateVerdict.Accept(Name, detail, probability)
            : GateVerdict.Reject(Name, detail, probability));
    }
}
