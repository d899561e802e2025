namespace Cascade;

/// <summary>What a model costs, in USD per million tokens of each kind.</summary>
/// <remarks>Money is <see cref="decimal"/> throughout: summing thousands of tiny costs in binary floating point drifts off the provider's invoice.</remarks>
public sealed record PriceTable
{
    /// <summary>Anthropic's cache-write price as a multiple of the input price.</summary>
    public const decimal AnthropicCacheWriteMultiplier = 1.25m;

    /// <summary>Anthropic's cache-read price as a multiple of the input price.</summary>
    public const decimal AnthropicCacheReadMultiplier = 0.1m;

    private const decimal Million = 1_000_000m;

    /// <summary>Initializes a price table; every price must be zero or more.</summary>
    public PriceTable(decimal inputPerMillion, decimal outputPerMillion, decimal cacheWritePerMillion, decimal cacheReadPerMillion)
    {
        InputPerMillion = NotNegative(inputPerMillion, nameof(inputPerMillion));
        OutputPerMillion = NotNegative(outputPerMillion, nameof(outputPerMillion));
        CacheWritePerMillion = NotNegative(cacheWritePerMillion, nameof(cacheWritePerMillion));
        CacheReadPerMillion = NotNegative(cacheReadPerMillion, nameof(cacheReadPerMillion));
    }

    /// <summary>Gets a table where everything is free (a regex tier, a local model).</summary>
    public static PriceTable Free { get; } = new(0, 0, 0, 0);

    /// <summary>Gets the USD price of a million uncached input tokens.</summary>
    public decimal InputPerMillion { get; }

    /// <summary>Gets the USD price of a million output tokens.</summary>
    public decimal OutputPerMillion { get; }

    /// <summary>Gets the USD price of a million input tokens written to the prompt cache.</summary>
    public decimal CacheWritePerMillion { get; }

    /// <summary>Gets the USD price of a million input tokens read from the prompt cache.</summary>
    public decimal CacheReadPerMillion { get; }

    /// <summary>Builds a table with Anthropic's cache multipliers (writes 1.25×, reads 0.1× the input price).</summary>
    public static PriceTable WithAnthropicCaching(decimal inputPerMillion, decimal outputPerMillion) => new(
        inputPerMillion,
        outputPerMillion,
        inputPerMillion * AnthropicCacheWriteMultiplier,
        inputPerMillion * AnthropicCacheReadMultiplier);

    /// <summary>Computes the exact USD cost of a usage.</summary>
    public decimal CostOf(TokenUsage usage) =>
        ((usage.InputTokens * InputPerMillion)
        + (usage.OutputTokens * OutputPerMillion)
        + (usage.CacheWriteTokens * CacheWritePerMillion)
        + (usage.CacheReadTokens * CacheReadPerMillion)) / Million;

    /// <summary>Computes the USD cost of input and output token counts, no caching.</summary>
    public decimal CostOf(long inputTokens, long outputTokens) => CostOf(new TokenUsage(inputTokens, outputTokens));

    private static decimal NotNegative(decimal value, string name) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, "A price cannot be negative.");
}
