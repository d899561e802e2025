namespace Cascade;

/// <summary>Options of the <see cref="ConsistencyGate"/>.</summary>
public sealed class ConsistencyGateOptions
{
    /// <summary>Gets or sets the tier that draws the second sample.</summary>
    public required Tier Tier { get; set; }

    /// <summary>Gets or sets how the answers are compared.</summary>
    /// <value>The default value is <see cref="AnswerComparison.Auto"/>.</value>
    public AnswerComparison Comparison { get; set; } = AnswerComparison.Auto;

    /// <summary>Gets or sets the word overlap (Jaccard, 0 to 1) at which two texts agree.</summary>
    /// <value>The default value is 0.8.</value>
    public double MinSimilarity
    {
        get;
        set => field = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MinSimilarity), value, "The similarity must be above 0 and at most 1.");
    } = 0.8;

    /// <summary>Gets or sets the temperature of the second sample; <see langword="null"/> keeps the request's.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public float? Temperature
    {
        get;
        set => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Temperature), value, "A temperature cannot be negative.");
    }

    /// <summary>Gets or sets the verdict when the second sample cannot be drawn.</summary>
    /// <value>The default value is <see cref="GateFailureBehavior.Reject"/>.</value>
    public GateFailureBehavior WhenUnavailable { get; set; } = GateFailureBehavior.Reject;

    /// <summary>Reads the options from gate settings: <c>Tier</c> (required), <c>Comparison</c>, <c>MinSimilarity</c>, <c>Temperature</c>, <c>WhenUnavailable</c>.</summary>
    public static ConsistencyGateOptions FromSettings(GateFactoryContext context)
    {
        GateSettings settings = context.Settings;
        return new ConsistencyGateOptions
        {
            Tier = context.GetTier(nameof(Tier)),
            Comparison = settings.GetEnum(nameof(Comparison), AnswerComparison.Auto),
            MinSimilarity = settings.GetDouble(nameof(MinSimilarity), 0.8),
            Temperature = settings.GetNullableDouble(nameof(Temperature)) is { } t ? (float)t : null,
            WhenUnavailable = settings.GetEnum(nameof(WhenUnavailable), GateFailureBehavior.Reject),
        };
    }
}
