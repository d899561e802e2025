using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// The tiers a cascade tries, cheapest first, each with its gates. The cascade's inner client is the final tier,
/// above every rung of the ladder: its answer is kept whatever it says.
/// </summary>
public sealed class CascadeLadder
{
    private readonly List<CascadeRung> _rungs = [];

    /// <summary>Gets the rungs below the final tier, cheapest first.</summary>
    public IReadOnlyList<CascadeRung> Rungs => _rungs;

    /// <summary>Gets or sets the final tier's name when the inner client is not itself a tier.</summary>
    /// <value>The default value is the inner client's model id, or <c>final</c>.</value>
    public string? FinalTierName { get; set; }

    /// <summary>Gets or sets the final tier's price when the inner client is not itself a tier; unset looks its model up in the price catalog.</summary>
    public PriceTable? FinalTierPrice { get; set; }

    /// <summary>Gets or sets how the final tier streams.</summary>
    /// <value>The default value is <see cref="TierStreamingMode.StreamDirect"/>.</value>
    public TierStreamingMode FinalTierStreaming { get; set; } = TierStreamingMode.StreamDirect;

    /// <summary>Gets the workloads' base start tiers (tier names); a workload not listed starts at the first rung.</summary>
    public IDictionary<string, string> WorkloadStartTiers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds a rung.</summary>
    public CascadeLadder Add(CascadeRung rung)
    {
        ArgumentNullException.ThrowIfNull(rung);
        if (_rungs.Any(r => string.Equals(r.Name, rung.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"The ladder already has a tier named '{rung.Name}'.", nameof(rung));
        }

        _rungs.Add(rung);
        return this;
    }

    /// <summary>Adds a tier with its gates.</summary>
    public CascadeLadder Add(Tier tier, params IQualityGate[] gates) => Add(new CascadeRung(tier, gates));

    /// <summary>Adds a single-deployment tier over <paramref name="client"/>.</summary>
    /// <param name="name">The tier's name.</param>
    /// <param name="client">The chat client (its own retries off).</param>
    /// <param name="price">What the model costs.</param>
    /// <param name="gates">The gates its answers must pass, cheapest first.</param>
    public CascadeLadder Add(string name, IChatClient client, PriceTable price, params IQualityGate[] gates)
    {
        return Add(new CascadeRung(SingleDeploymentTier(name, client, price), gates));
    }

    /// <summary>Makes a one-deployment tier over <paramref name="client"/>, its provider and model read from the client's metadata.</summary>
    internal static Tier SingleDeploymentTier(string name, IChatClient client, PriceTable price)
    {
        ArgumentNullException.ThrowIfNull(client);
        ChatClientMetadata? metadata = client.GetService<ChatClientMetadata>();
        return new Tier(name, [new Deployment(name, metadata?.ProviderName ?? "custom", metadata?.DefaultModelId ?? name, client, price)]);
    }
}
