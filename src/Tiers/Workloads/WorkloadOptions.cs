namespace Cascade;

/// <summary>How workload statistics are kept and how they move a workload's start tier.</summary>
public sealed class WorkloadOptions
{
    /// <summary>Gets or sets how many recent outcomes a workload's window holds.</summary>
    /// <value>The default value is 1000.</value>
    public int WindowSize
    {
        get;
        set => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The window must hold at least one outcome.");
    } = 1000;

    /// <summary>Gets or sets how many recent outcomes at a tier are needed before its escalation rate moves the start tier.</summary>
    /// <value>The default value is 20.</value>
    public int MinSamples
    {
        get;
        set => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one sample is needed.");
    } = 20;

    /// <summary>Gets or sets the escalation rate above which a workload starts one tier higher.</summary>
    /// <value>The default value is 0.5.</value>
    public double PromoteAboveEscalationRate
    {
        get;
        set => field = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A rate is between 0 and 1.");
    } = 0.5;

    /// <summary>Gets or sets the share of a promoted workload's traffic sent to the tier below, to see when it can come back down.</summary>
    /// <value>The default value is 0.05.</value>
    public double ProbeShare
    {
        get;
        set => field = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A share is between 0 and 1.");
    } = 0.05;
}
