namespace Cascade;

/// <summary>How up-front routing classifies requests.</summary>
public sealed class UpfrontRoutingOptions
{
    /// <summary>Gets or sets the confidence at or above which a request goes straight to its tier; below it, the request cascades.</summary>
    /// <value>The default value is 0.8.</value>
    public double ConfidenceThreshold
    {
        get;
        set => field = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A confidence is between 0 and 1.");
    } = 0.8;

    /// <summary>Gets or sets the question length, in characters, at which length alone counts as fully complex.</summary>
    /// <value>The default value is 1500.</value>
    public int LongQuestionCharacters
    {
        get;
        set => field = value >= 20 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Use at least 20 characters.");
    } = 1500;

    /// <summary>Gets the tier each workload goes straight to, with full confidence (for workloads whose tier is known).</summary>
    public Dictionary<string, string> WorkloadTiers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
