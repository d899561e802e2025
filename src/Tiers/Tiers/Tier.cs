namespace Cascade;

/// <summary>A named rung of the cascade's ladder, holding one or more deployments of comparable quality.</summary>
public sealed class Tier
{
    /// <summary>Initializes a tier.</summary>
    /// <param name="name">The tier's name, unique on the ladder (for example <c>haiku</c>).</param>
    /// <param name="deployments">The deployments, in fallback order; at least one.</param>
    /// <param name="streamingMode">How streamed answers of this tier reach the caller; <see langword="null"/> picks the mode from the tier's place on the ladder.</param>
    public Tier(string name, IReadOnlyList<Deployment> deployments, TierStreamingMode? streamingMode = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(deployments);
        if (deployments.Count == 0)
        {
            throw new ArgumentException($"Tier '{name}' needs at least one deployment.", nameof(deployments));
        }

        var duplicate = deployments.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Tier '{name}' has two deployments named '{duplicate.Key}'.", nameof(deployments));
        }

        Name = name;
        Deployments = deployments;
        StreamingMode = streamingMode;
        Matcher = deployments[0].Client.GetService(typeof(IFaqMatcher)) as IFaqMatcher;
    }

    /// <summary>Gets the tier's name.</summary>
    public string Name { get; }

    /// <summary>Gets the deployments in fallback order.</summary>
    public IReadOnlyList<Deployment> Deployments { get; }

    /// <summary>Gets the configured streaming mode, or <see langword="null"/> for the default by position.</summary>
    public TierStreamingMode? StreamingMode { get; }

    /// <summary>Gets the largest context window of the tier's deployments, or <see langword="null"/> when none is known.</summary>
    public int? ContextWindow => Deployments.Max(d => d.ContextWindow);

    /// <summary>Gets the pattern table the tier answers from, or <see langword="null"/> for a tier that calls a model.</summary>
    /// <remarks>A tier with a matcher is asked once, up front: a match answers for free, a miss skips it with no attempt.</remarks>
    public IFaqMatcher? Matcher { get; }

    /// <summary>Gets the primary deployment.</summary>
    public Deployment Primary => Deployments[0];

    /// <inheritdoc/>
    public override string ToString() => Name;
}
