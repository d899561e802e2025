namespace Cascade;

/// <summary>How a <see cref="GatePipeline"/> resolves abstentions and treats the last tier.</summary>
public sealed class GatePipelineOptions
{
    /// <summary>Gets or sets what happens when every gate abstains, for workloads without their own rule.</summary>
    /// <value>The default value is <see cref="AbstentionRule.Accept"/>.</value>
    public AbstentionRule Abstention { get; set; } = AbstentionRule.Accept;

    /// <summary>Gets the abstention rule per workload tag (case-insensitive), overriding <see cref="Abstention"/>.</summary>
    public Dictionary<string, AbstentionRule> WorkloadAbstention { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets whether the last tier's answer is gated too.</summary>
    /// <value>
    /// The default value is <see langword="false"/>: the last tier's answer is kept whatever the gates say, so running
    /// them (a judge costs a model call) would buy nothing. Set it to record verdicts on the last tier anyway.
    /// </value>
    public bool EvaluateLastTier { get; set; }

    /// <summary>
    /// Gets or sets a calibration whose learned abstention rules (per workload and model) apply to workloads without an entry in
    /// <see cref="WorkloadAbstention"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public GateCalibration? Calibration { get; set; }

    /// <summary>Gets the abstention rule of a workload and model: <see cref="WorkloadAbstention"/>, then the calibration, then <see cref="Abstention"/>.</summary>
    public AbstentionRule AbstentionFor(string? workload, string? model = null) =>
        workload is not null && WorkloadAbstention.TryGetValue(workload, out AbstentionRule rule) ? rule
        : Calibration?.AbstentionFor(workload, model) ?? Abstention;
}
