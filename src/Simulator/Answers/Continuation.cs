using Microsoft.Extensions.AI;

namespace Cascade.Simulator.Answers;

/// <summary>
/// Continues an interrupted answer. A request whose trailing message (a user message, or an assistant prefill) ends
/// with the beginning of the answer the conversation before it gets, cut at a word boundary, is answered with the rest
/// of that answer, so the partial and the continuation together are exactly the whole answer. The answer is looked
/// for under the requested model first, then under every other simulated model (a continuation may run on another
/// deployment of the tier).
/// </summary>
internal static class Continuation
{
    /// <summary>The shortest partial answer recognised, in characters, so a short user reply is not taken for one.</summary>
    public const int MinimumPartialLength = 12;

    /// <summary>Finds how much of <paramref name="whole"/> the trailing text already carries.</summary>
    /// <returns>The length of the carried prefix, or -1 when the trailing text does not end with a prefix of the answer.</returns>
    public static int CarriedLength(string trailing, string whole)
    {
        string carried = trailing.TrimEnd();
        for (int k = Math.Min(whole.Length, carried.Length + 1); k >= MinimumPartialLength; k--)
        {
            // The stream is cut between pieces, and a piece is a word with its leading whitespace.
            if (k < whole.Length && !char.IsWhiteSpace(whole[k]))
            {
                continue;
            }

            string prefix = whole[..k].TrimEnd();
            if (prefix.Length >= MinimumPartialLength && carried.EndsWith(prefix, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>Gets the conversation before the trailing message, when it could carry a partial answer.</summary>
    public static IReadOnlyList<ChatMessage>? Before(IReadOnlyList<ChatMessage> messages, out string trailing)
    {
        trailing = string.Empty;
        if (messages.Count < 2)
        {
            return null;
        }

        ChatMessage last = messages[^1];
        if ((last.Role != ChatRole.User && last.Role != ChatRole.Assistant) || last.Contents.Any(c => c is FunctionResultContent or FunctionCallContent))
        {
            return null;
        }

        trailing = last.Text;
        if (trailing.Trim().Length < MinimumPartialLength)
        {
            return null;
        }

        IReadOnlyList<ChatMessage> before = [.. messages.Take(messages.Count - 1)];
        return before.Any(m => m.Role == ChatRole.User && m.Text.Length > 0) ? before : null;
    }
}
