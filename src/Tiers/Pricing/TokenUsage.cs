using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>Token counts of one provider call, split the way providers bill them.</summary>
/// <param name="InputTokens">Uncached input tokens.</param>
/// <param name="OutputTokens">Output tokens.</param>
/// <param name="CacheWriteTokens">Input tokens written to the provider's prompt cache.</param>
/// <param name="CacheReadTokens">Input tokens read from the provider's prompt cache.</param>
/// <param name="IsEstimated"><see langword="true"/> when the figures were counted locally because the provider reported none.</param>
public readonly record struct TokenUsage(
    long InputTokens,
    long OutputTokens,
    long CacheWriteTokens = 0,
    long CacheReadTokens = 0,
    bool IsEstimated = false)
{
    /// <summary>Gets a usage of zero tokens.</summary>
    public static TokenUsage None => default;

    /// <summary>Gets every input token, cached or not.</summary>
    public long TotalInputTokens => InputTokens + CacheWriteTokens + CacheReadTokens;

    /// <summary>Gets every token, input and output.</summary>
    public long TotalTokens => TotalInputTokens + OutputTokens;

    /// <summary>Adds two usages; the sum is estimated when either part is.</summary>
    public static TokenUsage operator +(TokenUsage left, TokenUsage right) => new(
        left.InputTokens + right.InputTokens,
        left.OutputTokens + right.OutputTokens,
        left.CacheWriteTokens + right.CacheWriteTokens,
        left.CacheReadTokens + right.CacheReadTokens,
        left.IsEstimated || right.IsEstimated);

    /// <summary>Adds two usages.</summary>
    public static TokenUsage Add(TokenUsage left, TokenUsage right) => left + right;

    /// <summary>Reads a usage from MEAI's <see cref="UsageDetails"/>; cached input is counted as a cache read.</summary>
    /// <param name="details">The provider-reported usage, or <see langword="null"/>.</param>
    public static TokenUsage FromUsageDetails(UsageDetails? details)
    {
        if (details is null)
        {
            return None;
        }

        long cached = details.CachedInputTokenCount ?? 0;
        long input = Math.Max(0, (details.InputTokenCount ?? 0) - cached);
        long cacheWrite = 0;
        if (details.AdditionalCounts is { } extra && extra.TryGetValue(CacheWriteCountKey, out long written))
        {
            cacheWrite = written;
            input = Math.Max(0, input - written);
        }

        return new(input, details.OutputTokenCount ?? 0, cacheWrite, cached);
    }

    /// <summary>Converts to MEAI's <see cref="UsageDetails"/>.</summary>
    public UsageDetails ToUsageDetails()
    {
        var details = new UsageDetails
        {
            InputTokenCount = TotalInputTokens,
            OutputTokenCount = OutputTokens,
            TotalTokenCount = TotalTokens,
            CachedInputTokenCount = CacheReadTokens == 0 ? null : CacheReadTokens,
        };
        if (CacheWriteTokens != 0)
        {
            details.AdditionalCounts = new() { [CacheWriteCountKey] = CacheWriteTokens };
        }

        return details;
    }

    /// <summary>The <see cref="UsageDetails.AdditionalCounts"/> key that carries cache-write tokens.</summary>
    public const string CacheWriteCountKey = "cache_creation_input_tokens";
}
