namespace Cascade;

/// <summary>One rung of a cascade's ladder: a tier and the gates its answers must pass.</summary>
public sealed class CascadeRung
{
    /// <summary>Initializes a rung.</summary>
    /// <param name="tier">The tier.</param>
    /// <param name="gates">The gates, cheapest first; none means every answer is kept.</param>
    /// <param name="streamingMode">How streamed answers reach the caller; <see langword="null"/> uses the tier's mode, then the default by position.</param>
    public CascadeRung(Tier tier, IEnumerable<IQualityGate>? gates = null, TierStreamingMode? streamingMode = null)
    {
        Tier = tier ?? throw new ArgumentNullException(nameof(tier));
        Gates = gates?.ToArray() ?? [];
        StreamingMode = streamingMode ?? tier.StreamingMode;
    }

    /// <summary>Gets the tier.</summary>
    public Tier Tier { get; }

    /// <summary>Gets the gates, cheapest first.</summary>
    public IReadOnlyList<IQualityGate> Gates { get; }

    /// <summary>Gets the gates run on the first sentence of a streamed answer in <see cref="TierStreamingMode.StreamWithEarlyReject"/> mode.</summary>
    /// <remarks>Only gates that can judge a prefix belong here (hedging, self-reported doubt); a schema or cut-off gate would misjudge a partial answer.</remarks>
    public IReadOnlyList<IQualityGate> PrefixGates { get; init; } = [];

    /// <summary>Gets the configured streaming mode, or <see langword="null"/> for the default by position.</summary>
    public TierStreamingMode? StreamingMode { get; }

    /// <summary>Gets the tier's name.</summary>
    public string Name => Tier.Name;

    /// <inheritdoc/>
    public override string ToString() => Gates.Count == 0 ? Name : $"{Name} [{string.Join(", ", Gates.Select(g => g.Name))}]";
}
