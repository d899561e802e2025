using Microsoft.Extensions.Options;

namespace Cascade;

/// <summary>Checks a <see cref="CascadeOptions"/> and reports every problem at once, each naming the setting to fix.</summary>
public sealed class CascadeOptionsValidator : IValidateOptions<CascadeOptions>
{
    private readonly IReadOnlySet<string>? _knownKinds;
    private readonly PriceCatalog? _prices;
    private readonly IReadOnlySet<string> _freeKinds;

    /// <summary>Initializes a validator.</summary>
    /// <param name="knownKinds">The tier kinds that are registered; <see langword="null"/> skips the kind check.</param>
    /// <param name="prices">The price catalog deployments without their own price are looked up in; <see langword="null"/> skips the check.</param>
    /// <param name="freeKinds">The kinds that cost nothing and need no deployment or price; <see cref="FreeKinds"/> when <see langword="null"/>.</param>
    public CascadeOptionsValidator(IEnumerable<string>? knownKinds = null, PriceCatalog? prices = null, IEnumerable<string>? freeKinds = null)
    {
        _freeKinds = freeKinds is null ? FreeKinds : freeKinds.ToHashSet(StringComparer.OrdinalIgnoreCase);
        _knownKinds = knownKinds?.ToHashSet(StringComparer.OrdinalIgnoreCase);
        _prices = prices;
    }

    /// <summary>The tier kinds whose deployments cost nothing and need no model price.</summary>
    public static IReadOnlySet<string> FreeKinds { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "regex-faq" };

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, CascadeOptions options)
    {
        IReadOnlyList<string> errors = Collect(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Lists every problem of the options; empty when they are valid.</summary>
    public IReadOnlyList<string> Collect(CascadeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Tiers.Count == 0)
        {
            errors.Add("Cascade:Tiers is empty: configure at least one tier.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < options.Tiers.Count; i++)
        {
            TierOptions tier = options.Tiers[i];
            string path = $"Cascade:Tiers:{i}";
            if (string.IsNullOrWhiteSpace(tier.Name))
            {
                errors.Add($"{path}:Name is required.");
            }
            else if (!seen.Add(tier.Name))
            {
                errors.Add($"{path}:Name '{tier.Name}' is used by another tier; tier names must be unique.");
            }

            if (string.IsNullOrWhiteSpace(tier.Kind))
            {
                errors.Add($"{path}:Kind is required (for example regex-faq, anthropic, openai, ollama).");
            }
            else if (_knownKinds is not null && !_knownKinds.Contains(tier.Kind))
            {
                errors.Add($"{path}:Kind '{tier.Kind}' is not a registered tier kind; known kinds: {string.Join(", ", _knownKinds.Order(StringComparer.Ordinal))}.");
            }

            bool free = _freeKinds.Contains(tier.Kind);
            if (tier.Deployments.Count == 0 && !free)
            {
                errors.Add($"{path}:Deployments is empty: a '{tier.Kind}' tier needs at least one deployment.");
            }

            var deploymentNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (int j = 0; j < tier.Deployments.Count; j++)
            {
                ValidateDeployment(tier.Deployments[j], $"{path}:Deployments:{j}", free, deploymentNames, errors);
            }
        }

        if (options.Preset is { } preset && !CascadePresets.Names.Contains(preset.Trim().ToLowerInvariant()))
        {
            errors.Add($"Cascade:Preset '{preset}' is not a preset; known presets: {string.Join(", ", CascadePresets.Names)}.");
        }

        RequestLimitsOptions limits = options.Limits;
        if (limits.MaxCost is < 0)
        {
            errors.Add("Cascade:Limits:MaxCost cannot be negative.");
        }

        if (limits.MaxTokens is <= 0)
        {
            errors.Add("Cascade:Limits:MaxTokens must be positive.");
        }

        if (limits.MaxModelCalls < 1)
        {
            errors.Add("Cascade:Limits:MaxModelCalls must be at least 1.");
        }

        if (limits.MaxReliabilityStepsPerTier < 0)
        {
            errors.Add("Cascade:Limits:MaxReliabilityStepsPerTier cannot be negative.");
        }

        if (limits.Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            errors.Add("Cascade:Limits:Timeout must be positive (for example 00:00:30).");
        }

        foreach ((string workload, WorkloadSettings settings) in options.Workloads)
        {
            if (settings.StartTier is { } start && !options.Tiers.Any(t => string.Equals(t.Name, start, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"Cascade:Workloads:{workload}:StartTier '{start}' is not a configured tier.");
            }
        }

        foreach ((string provider, ProviderOptions defaults) in options.Providers)
        {
            if (defaults.Endpoint is { } endpoint && !IsHttpUrl(endpoint))
            {
                errors.Add($"Cascade:Providers:{provider}:Endpoint '{endpoint}' is not an absolute http or https URL.");
            }
        }

        if (options.PriceFile is { } file && !File.Exists(file))
        {
            errors.Add($"Cascade:PriceFile '{file}' does not exist.");
        }

        if (options.Reliability is null)
        {
            errors.Add("Cascade:Reliability cannot be null.");
        }
        else
        {
            errors.AddRange(options.Reliability.Validate());
        }

        return errors;
    }

    private void ValidateDeployment(DeploymentOptions deployment, string path, bool free, HashSet<string> names, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(deployment.Model))
        {
            errors.Add($"{path}:Model is required.");
        }

        string name = deployment.Name ?? deployment.Model;
        if (!string.IsNullOrWhiteSpace(name) && !names.Add(name))
        {
            errors.Add($"{path}:Name '{name}' is used by another deployment of the tier.");
        }

        if (deployment.Endpoint is { } endpoint && !IsHttpUrl(endpoint))
        {
            errors.Add($"{path}:Endpoint '{endpoint}' is not an absolute http or https URL.");
        }

        if (deployment.ContextWindow is <= 0)
        {
            errors.Add($"{path}:ContextWindow must be positive.");
        }

        if (deployment.MaxOutputTokens <= 0)
        {
            errors.Add($"{path}:MaxOutputTokens must be positive.");
        }

        if (deployment.Price is { } price)
        {
            if (price.Input < 0 || price.Output < 0 || price.CacheWrite < 0 || price.CacheRead < 0)
            {
                errors.Add($"{path}:Price has a negative value; prices are USD per million tokens, zero or more.");
            }
        }
        else if (!free && _prices is not null && !string.IsNullOrWhiteSpace(deployment.Model) && !_prices.TryGetPrice(deployment.Model, out _))
        {
            errors.Add($"{path}: no price is known for model '{deployment.Model}'; add it to the price file or set {path}:Price.");
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value.Replace("https+http://", "http://", StringComparison.OrdinalIgnoreCase), UriKind.Absolute, out Uri? uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
