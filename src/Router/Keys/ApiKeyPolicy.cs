namespace Cascade.Router;

/// <summary>What one API key may do: models, workloads, spend caps, a per-request ceiling and rate limits.</summary>
/// <remarks>An empty list allows everything; a <see langword="null"/> limit is no limit.</remarks>
public sealed record ApiKeyPolicy
{
    /// <summary>Gets the models the key may ask for (<c>cascade</c>, <c>cascade/&lt;workload&gt;</c>, a tier name, or <c>*</c>); empty allows all.</summary>
    public IReadOnlyList<string> AllowedModels { get; init => field = value ?? []; } = [];

    /// <summary>Gets the workloads the key may tag requests with; empty allows all.</summary>
    public IReadOnlyList<string> AllowedWorkloads { get; init => field = value ?? []; } = [];

    /// <summary>
    /// Gets how many workloads the key may create: names it tags requests with (<c>cascade/&lt;workload&gt;</c>) that the
    /// configuration does not define; <see langword="null"/> takes <see cref="RouterOptions.MaxWorkloadsPerKey"/>.
    /// </summary>
    public int? MaxWorkloads { get; init; }

    /// <summary>Gets the USD the key may spend per UTC day.</summary>
    public decimal? DailySpendCap { get; init; }

    /// <summary>Gets the USD the key may spend per UTC calendar month.</summary>
    public decimal? MonthlySpendCap { get; init; }

    /// <summary>Gets the USD ceiling of one request (every attempt included); the router's default applies when unset.</summary>
    public decimal? MaxRequestCost { get; init; }

    /// <summary>Gets the requests the key may make per rate-limit window.</summary>
    public int? RequestsPerWindow { get; init; }

    /// <summary>Gets the tokens (prompt plus the most output asked for) the key may use per rate-limit window.</summary>
    public long? TokensPerWindow { get; init; }

    /// <summary>Lists what is wrong with the policy; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        List<string> errors = [];
        NotNegative(DailySpendCap, nameof(DailySpendCap));
        NotNegative(MonthlySpendCap, nameof(MonthlySpendCap));
        if (MaxRequestCost is <= 0)
        {
            errors.Add($"{nameof(MaxRequestCost)} must be positive; it is {MaxRequestCost}.");
        }

        if (RequestsPerWindow is < 1)
        {
            errors.Add($"{nameof(RequestsPerWindow)} must be at least 1; it is {RequestsPerWindow}.");
        }

        if (MaxWorkloads is < 0)
        {
            errors.Add($"{nameof(MaxWorkloads)} cannot be negative; it is {MaxWorkloads}.");
        }

        if (TokensPerWindow is < 1)
        {
            errors.Add($"{nameof(TokensPerWindow)} must be at least 1; it is {TokensPerWindow}.");
        }

        if (DailySpendCap is { } daily && MonthlySpendCap is { } monthly && daily > monthly)
        {
            errors.Add($"{nameof(DailySpendCap)} ({daily}) cannot exceed {nameof(MonthlySpendCap)} ({monthly}).");
        }

        if (AllowedModels.Any(string.IsNullOrWhiteSpace) || AllowedWorkloads.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("Allowed model and workload names cannot be empty.");
        }

        return errors;

        void NotNegative(decimal? value, string name)
        {
            if (value is < 0)
            {
                errors.Add($"{name} cannot be negative; it is {value}.");
            }
        }
    }

    /// <summary>Gets whether the key may ask for <paramref name="model"/>.</summary>
    public bool AllowsModel(string model) =>
        AllowedModels.Count == 0
        || AllowedModels.Any(allowed => allowed == "*"
            || string.Equals(allowed, model, StringComparison.OrdinalIgnoreCase)
            || (allowed.EndsWith("/*", StringComparison.Ordinal) && model.StartsWith(allowed[..^1], StringComparison.OrdinalIgnoreCase)));

    /// <summary>Gets whether the key may tag a request with <paramref name="workload"/> (<see langword="null"/>: untagged).</summary>
    public bool AllowsWorkload(string? workload) =>
        AllowedWorkloads.Count == 0
        || (workload is not null && AllowedWorkloads.Contains(workload, StringComparer.OrdinalIgnoreCase));
}
