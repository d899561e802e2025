namespace Cascade;

/// <summary>The worst case of one provider call: the most tokens and dollars it can bill.</summary>
/// <param name="InputTokens">An upper bound on the input tokens (exact when <paramref name="Exact"/>).</param>
/// <param name="MaxOutputTokens">The output-token limit the call is sent with.</param>
/// <param name="MaxCost">The USD cost of <paramref name="InputTokens"/> plus <paramref name="MaxOutputTokens"/>.</param>
/// <param name="Exact">Whether the input was counted with the tokenizer rather than bounded from its size.</param>
public readonly record struct CallEstimate(long InputTokens, long MaxOutputTokens, decimal MaxCost, bool Exact)
{
    /// <summary>Gets the most tokens the call can bill.</summary>
    public long MaxTokens => InputTokens + MaxOutputTokens;
}
