namespace Cascade.Router;

/// <summary>What a request's <c>model</c> names: the automatic cascade, the cascade for a workload, or one tier pinned by name.</summary>
/// <param name="Model">The name as sent.</param>
/// <param name="Workload">The workload of <c>cascade/&lt;workload&gt;</c>.</param>
/// <param name="PinnedTier">The tier named, which pins the request to it.</param>
public sealed record ModelTarget(string Model, string? Workload, string? PinnedTier)
{
    /// <summary>The model name of the automatic cascade.</summary>
    public const string Cascade = "cascade";

    /// <summary>Resolves a model name against the ladder's tiers, or returns <see langword="null"/> when it names nothing known.</summary>
    public static ModelTarget? Resolve(string model, IEnumerable<string> tiers)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (string.Equals(model, Cascade, StringComparison.OrdinalIgnoreCase))
        {
            return new(model, null, null);
        }

        if (model.StartsWith(Cascade + "/", StringComparison.OrdinalIgnoreCase) && model.Length > Cascade.Length + 1)
        {
            return new(model, model[(Cascade.Length + 1)..], null);
        }

        string? tier = tiers.FirstOrDefault(t => string.Equals(t, model, StringComparison.OrdinalIgnoreCase));
        return tier is null ? null : new(model, null, tier);
    }
}
