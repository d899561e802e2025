namespace Cascade;

/// <summary>
/// The cascade built from configuration: the ladder below the final tier, the final tier, and the settings applied
/// to every <see cref="CascadeChatClient"/> built from it. Registered by <c>AddCascade</c>.
/// </summary>
public sealed class CascadeModel
{
    /// <summary>Initializes a model.</summary>
    public CascadeModel(CascadeLadder ladder, Tier finalTier, CascadeOptions options)
    {
        Ladder = ladder ?? throw new ArgumentNullException(nameof(ladder));
        FinalTier = finalTier ?? throw new ArgumentNullException(nameof(finalTier));
        Options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Gets the tiers below the final one, with their gates.</summary>
    public CascadeLadder Ladder { get; }

    /// <summary>Gets the final tier.</summary>
    public Tier FinalTier { get; }

    /// <summary>Gets the options the model was built from.</summary>
    public CascadeOptions Options { get; }

    /// <summary>Gets every tier, cheapest first, the final tier last.</summary>
    public IReadOnlyList<Tier> Tiers => [.. Ladder.Rungs.Select(r => r.Tier), FinalTier];

    /// <summary>Applies the configured limits, handoff and abstention rules to a cascade.</summary>
    public void Apply(CascadeChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultLimits = Options.Limits.ToLimits();
        client.Handoff = Options.Handoff;
        var gating = new GatePipelineOptions { Abstention = Options.Abstention };
        foreach ((string workload, WorkloadSettings settings) in Options.Workloads)
        {
            if (settings.Abstention is { } rule)
            {
                gating.WorkloadAbstention[workload] = rule;
            }
        }

        client.Gating = gating;
    }
}
