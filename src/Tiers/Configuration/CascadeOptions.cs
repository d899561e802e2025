namespace Cascade;

/// <summary>The cascade's configuration, bound from the <c>Cascade</c> section.</summary>
public sealed class CascadeOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Cascade";

    /// <summary>Gets or sets the tiers, cheapest first.</summary>
    public List<TierOptions> Tiers { get; set; } = [];

    /// <summary>Gets or sets a preset that gives tiers without gates the gates of a source article's recipe (<see cref="CascadePresets"/>).</summary>
    public string? Preset { get; set; }

    /// <summary>Gets or sets a price file that replaces the built-in prices; <see langword="null"/> uses the built-in file.</summary>
    public string? PriceFile { get; set; }

    /// <summary>Gets or sets defaults per provider kind (endpoint, key) for deployments that set none.</summary>
    /// <remarks>The AppHost points <c>anthropic</c> and <c>openai</c> at the simulator this way when no real key is configured.</remarks>
    public Dictionary<string, ProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the limits of a request that carries none.</summary>
    public RequestLimitsOptions Limits { get; set; } = new();

    /// <summary>Gets or sets what the next tier is sent on an escalation.</summary>
    public HandoffOptions Handoff { get; set; } = new();

    /// <summary>Gets or sets what happens to an answer every gate abstained on.</summary>
    /// <value>The default value is <see cref="AbstentionRule.Accept"/>: keep it unless a gate rejects.</value>
    public AbstentionRule Abstention { get; set; } = AbstentionRule.Accept;

    /// <summary>Gets or sets how workload statistics are kept and move start tiers.</summary>
    public WorkloadOptions WorkloadStatistics { get; set; } = new();

    /// <summary>Gets or sets per-workload settings, by workload tag.</summary>
    public Dictionary<string, WorkloadSettings> Workloads { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets reliability inside a tier: attempt timeout, retries, circuit breakers and the failure table.</summary>
    public ReliabilityOptions Reliability { get; set; } = new();
}

/// <summary>Defaults for the deployments of one provider kind.</summary>
public sealed class ProviderOptions
{
    /// <summary>Gets or sets the base URL; a service name such as <c>http://simulator</c> is resolved from <c>services:simulator:http:0</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Gets or sets the API key.</summary>
    public string? ApiKey { get; set; }
}

/// <summary>The default limits of a request, as configured.</summary>
public sealed class RequestLimitsOptions
{
    /// <summary>Gets or sets the USD ceiling, or <see langword="null"/> for none.</summary>
    public decimal? MaxCost { get; set; }

    /// <summary>Gets or sets the billed-token ceiling, or <see langword="null"/> for none.</summary>
    public long? MaxTokens { get; set; }

    /// <summary>Gets or sets the cap on model calls.</summary>
    /// <value>The default value is 3.</value>
    public int MaxModelCalls { get; set; } = 3;

    /// <summary>Gets or sets the cap on reliability steps per tier.</summary>
    /// <value>The default value is 1.</value>
    public int MaxReliabilityStepsPerTier { get; set; } = 1;

    /// <summary>Gets or sets the time a request may take across all hops, or <see langword="null"/> for none.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Gets or sets what happens when the next call could pass a ceiling.</summary>
    /// <value>The default value is <see cref="BudgetStopBehavior.ReturnBestAnswer"/>.</value>
    public BudgetStopBehavior OnExceeded { get; set; } = BudgetStopBehavior.ReturnBestAnswer;

    /// <summary>Converts to <see cref="RequestLimits"/>.</summary>
    public RequestLimits ToLimits() => new()
    {
        MaxCost = MaxCost,
        MaxTokens = MaxTokens,
        MaxModelCalls = MaxModelCalls,
        MaxReliabilityStepsPerTier = MaxReliabilityStepsPerTier,
        Timeout = Timeout,
        OnExceeded = OnExceeded,
    };
}

/// <summary>Settings of one workload.</summary>
public sealed class WorkloadSettings
{
    /// <summary>Gets or sets the tier the workload starts at before its statistics say otherwise; unset starts at the first tier.</summary>
    public string? StartTier { get; set; }

    /// <summary>Gets or sets what happens to an answer every gate abstained on; unset uses <see cref="CascadeOptions.Abstention"/>.</summary>
    public AbstentionRule? Abstention { get; set; }
}

/// <summary>One tier of the ladder.</summary>
public sealed class TierOptions
{
    /// <summary>Gets or sets the tier's name, unique on the ladder.</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the tier kind's name (<c>regex-faq</c>, <c>anthropic</c>, <c>openai</c>, <c>ollama</c> or a registered plugin).</summary>
    public string Kind { get; set; } = "";

    /// <summary>Gets or sets how streamed answers reach the caller; unset picks by position (buffer and gate, the last tier streams directly).</summary>
    public TierStreamingMode? Streaming { get; set; }

    /// <summary>Gets or sets the deployments, in fallback order.</summary>
    public List<DeploymentOptions> Deployments { get; set; } = [];

    /// <summary>Gets or sets the gates this tier's answers must pass, by kind (see <see cref="GateRegistry"/>); ignored on the last tier.</summary>
    public List<GateOptions> Gates { get; set; } = [];

    /// <summary>Gets or sets the gates run on the first sentence when <see cref="Streaming"/> is <see cref="TierStreamingMode.StreamWithEarlyReject"/>.</summary>
    public List<GateOptions> PrefixGates { get; set; } = [];

    /// <summary>Gets or sets kind-specific settings (for example <c>FaqFile</c> of a <c>regex-faq</c> tier).</summary>
    public Dictionary<string, string?> Settings { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One deployment of a tier.</summary>
public sealed class DeploymentOptions
{
    /// <summary>Gets or sets the deployment's name; defaults to the model id.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the provider kind; defaults to the tier's kind.</summary>
    public string? Provider { get; set; }

    /// <summary>Gets or sets the model id.</summary>
    public string Model { get; set; } = "";

    /// <summary>Gets or sets the provider's base URL; unset uses the provider's public endpoint.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Gets or sets the API key. Prefer <see cref="ApiKeyVariable"/> so keys stay out of files.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the name of an environment variable holding the API key.</summary>
    public string? ApiKeyVariable { get; set; }

    /// <summary>Gets or sets the model's context window in tokens.</summary>
    public int? ContextWindow { get; set; }

    /// <summary>Gets or sets the output-token limit used when a request sets none.</summary>
    /// <value>The default value is 1024.</value>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>Gets or sets a price that overrides the price file for this deployment.</summary>
    public PriceOptions? Price { get; set; }
}

/// <summary>A price in USD per million tokens.</summary>
public sealed class PriceOptions
{
    /// <summary>Gets or sets the input price.</summary>
    public decimal Input { get; set; }

    /// <summary>Gets or sets the output price.</summary>
    public decimal Output { get; set; }

    /// <summary>Gets or sets the cache-write price; unset is 1.25× the input price.</summary>
    public decimal? CacheWrite { get; set; }

    /// <summary>Gets or sets the cache-read price; unset is 0.1× the input price.</summary>
    public decimal? CacheRead { get; set; }

    /// <summary>Converts to a <see cref="PriceTable"/>.</summary>
    public PriceTable ToPriceTable() => new(
        Input,
        Output,
        CacheWrite ?? Input * PriceTable.AnthropicCacheWriteMultiplier,
        CacheRead ?? Input * PriceTable.AnthropicCacheReadMultiplier);
}
