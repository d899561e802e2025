namespace Cascade.Simulator.Answers.Realistic;

/// <summary>One point a customer can raise, how it is recognised, and what the store's policy says about it.</summary>
/// <param name="Id">A short name (<c>damaged</c>, <c>refund</c>...).</param>
/// <param name="Keywords">Lower-case phrases that raise the point.</param>
/// <param name="Answer">The policy sentence a complete answer gives.</param>
/// <param name="Wrong">A confident but wrong sentence about the same point.</param>
internal sealed record StorePolicy(string Id, string[] Keywords, string Answer, string Wrong)
{
    /// <summary>Gets where the point is first raised in a lower-case text, or -1.</summary>
    public int FirstMention(string lower)
    {
        int first = -1;
        foreach (string keyword in Keywords)
        {
            int at = lower.IndexOf(keyword, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        return first;
    }
}
