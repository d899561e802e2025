using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// A tier client that answers from a table of patterns rather than a model: the cascade asks it once, before the
/// request starts, so a match answers for free and a miss skips the tier with no attempt.
/// </summary>
/// <remarks>
/// A tier is recognised as such a tier through <see cref="Tier.Matcher"/> (its primary client's
/// <see cref="IChatClient.GetService"/>), whatever its concrete type; <see cref="RegexFaqChatClient"/> is the built-in one.
/// </remarks>
public interface IFaqMatcher
{
    /// <summary>Finds the entry matching the request's last user message.</summary>
    /// <param name="messages">The request's messages.</param>
    /// <returns>The entry, or <see langword="null"/> when no pattern matches.</returns>
    FaqEntry? TryMatch(IEnumerable<ChatMessage> messages);
}
