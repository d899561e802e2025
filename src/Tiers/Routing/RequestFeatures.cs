using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>The cheap features up-front routing reads off a request before any model is called.</summary>
/// <param name="QuestionCharacters">The length of the last user message.</param>
/// <param name="ConversationCharacters">The length of every message's text.</param>
/// <param name="HasCode">Whether the last user message holds code (a fenced block or code-like lines).</param>
/// <param name="QuestionCount">How many questions the last user message asks.</param>
/// <param name="UserTurns">How many user messages the conversation has.</param>
/// <param name="AsksForAnalysis">Whether the last user message asks for analysis, design or comparison.</param>
/// <param name="Workload">The workload tag, if any.</param>
public sealed partial record RequestFeatures(
    int QuestionCharacters, int ConversationCharacters, bool HasCode, int QuestionCount, int UserTurns, bool AsksForAnalysis, string? Workload)
{
    /// <summary>Reads the features of a request.</summary>
    public static RequestFeatures From(IReadOnlyList<ChatMessage> messages, string? workload)
    {
        ArgumentNullException.ThrowIfNull(messages);
        string question = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        return new RequestFeatures(
            question.Length,
            messages.Sum(m => m.Text.Length),
            question.Contains("```", StringComparison.Ordinal) || Matches(CodeLine(), question),
            Math.Max(question.Count(c => c == '?'), string.IsNullOrWhiteSpace(question) ? 0 : 1),
            messages.Count(m => m.Role == ChatRole.User),
            Matches(Analysis(), question),
            workload);
    }

    /// <summary>A feature whose pattern runs out of time on a pathological input counts as absent rather than stalling the request.</summary>
    private static bool Matches(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"(^|\n)\s*(def |class |public |private |function |import |#include|SELECT |for\s*\(|if\s*\(|\w+\s*=\s*\w+\(|\}\s*$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CodeLine();

    [GeneratedRegex(@"\b(compare|contrast|trade-?offs?|design|architect\w*|analy[sz]e|prove|derive|step by step|explain why|pros and cons|evaluate|refactor|debug)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Analysis();
}
