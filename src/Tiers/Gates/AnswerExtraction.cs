using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Cascade;

/// <summary>
/// Reads what an answer says: the chosen option of a multiple-choice question, the final number, a normalised text.
/// Shared by the gates that compare answers (multiple choice, consistency) and by the verifier's calibration.
/// </summary>
public static partial class AnswerExtraction
{
    /// <summary>The choices assumed when a multiple-choice request names none: A to D.</summary>
    public static IReadOnlyList<string> DefaultChoices { get; } = ["A", "B", "C", "D"];

    /// <summary>Finds every choice an answer picks, in order of appearance, without duplicates.</summary>
    /// <param name="text">The answer.</param>
    /// <param name="choices">The allowed choices (letters such as <c>A</c>..<c>D</c>, or words such as <c>yes</c>/<c>no</c>).</param>
    /// <returns>No choice when the answer picks none, one when it is clear, several when it hedges between them.</returns>
    public static IReadOnlyList<string> ExtractChoices(string text, IReadOnlyList<string> choices)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Count == 0)
        {
            return [];
        }

        string trimmed = text.Trim().Trim('*', '_', '"', '\'', '`', ' ').Trim();
        bool letters = choices.All(c => c.Length == 1 && char.IsLetterOrDigit(c[0]));
        if (!letters)
        {
            return FindWords(trimmed, choices);
        }

        // 1. The whole answer is the choice: "B", "(B)", "B.", "B)".
        Match whole = WholeLetter().Match(trimmed);
        if (whole.Success && Lookup(whole.Groups[1].Value, choices) is { } only)
        {
            return [only];
        }

        // 2. An explicit statement: "the answer is B", "Answer: (C)", "correct option is D".
        var stated = new List<string>();
        foreach (Match match in StatedLetter().Matches(trimmed))
        {
            if (Lookup(match.Groups[1].Value, choices) is { } choice && !stated.Contains(choice))
            {
                stated.Add(choice);
            }
        }

        if (stated.Count > 0)
        {
            return stated;
        }

        // 3. A leading choice: "B. Paris is the capital", "(C) because ...".
        Match leading = LeadingLetter().Match(trimmed);
        if (leading.Success && Lookup(leading.Groups[1].Value, choices) is { } first)
        {
            return [first];
        }

        // 4. Stand-alone capital letters ("A or C"), skipping the article "A" and the pronoun "I" before a word.
        var found = new List<string>();
        foreach (Match match in StandaloneLetter().Matches(trimmed))
        {
            string letter = match.Groups[1].Value;
            int next = match.Index + match.Length;
            bool beforeWord = next < trimmed.Length - 1 && trimmed[next] == ' ' && char.IsLower(trimmed[next + 1]);
            bool beforeConjunction = ConjunctionAhead().IsMatch(trimmed.AsSpan(next));
            if ((letter is "A" or "I") && beforeWord && !beforeConjunction)
            {
                continue;
            }

            if (choices.FirstOrDefault(c => string.Equals(c, letter, StringComparison.Ordinal)) is { } choice && !found.Contains(choice))
            {
                found.Add(choice);
            }
        }

        return found;
    }

    /// <summary>Finds the final number of an answer: after <c>####</c> or "answer is" when present, else the last number.</summary>
    /// <param name="text">The answer.</param>
    /// <param name="number">The number, when found.</param>
    /// <returns>Whether a number was found.</returns>
    public static bool TryExtractNumber(string text, out decimal number)
    {
        ArgumentNullException.ThrowIfNull(text);
        number = 0;
        Match marked = MarkedNumber().Match(text);
        string? candidate = marked.Success ? marked.Groups[1].Value : null;
        if (candidate is null)
        {
            MatchCollection all = AnyNumber().Matches(text);
            candidate = all.Count > 0 ? all[^1].Value : null;
        }

        return candidate is not null
            && decimal.TryParse(candidate.Replace(",", "", StringComparison.Ordinal).TrimEnd('.'), NumberStyles.Number, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>Normalises an answer for comparison: lower case, punctuation dropped, whitespace collapsed, a leading "the answer is" removed.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }

        string normalized = builder.ToString();
        return normalized.StartsWith("the answer is ", StringComparison.Ordinal) ? normalized["the answer is ".Length..] : normalized;
    }

    /// <summary>Gets the word overlap of two answers (Jaccard similarity of their normalised words), from 0 to 1.</summary>
    public static double Similarity(string left, string right)
    {
        var a = Normalize(left).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var b = Normalize(right).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }

        int common = a.Count(b.Contains);
        return (double)common / (a.Count + b.Count - common);
    }

    private static string? Lookup(string value, IReadOnlyList<string> choices) =>
        choices.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase));

    private static List<string> FindWords(string text, IReadOnlyList<string> choices)
    {
        var found = new List<(int Index, string Choice)>();
        foreach (string choice in choices)
        {
            Match match = Regex.Match(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(choice)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            if (match.Success)
            {
                found.Add((match.Index, choice));
            }
        }

        return found.OrderBy(f => f.Index).Select(f => f.Choice).ToList();
    }

    [GeneratedRegex(@"^\(?([A-Za-z0-9])\)?[.):]?$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeLetter();

    [GeneratedRegex(@"\b(?:answer|option|choice)\b(?:\s+(?:is|would\s+be|should\s+be))?\s*[:=]?\s*(?:option\s+|choice\s+)?[\(\[]?\**([A-Za-z0-9])\**[\)\]]?(?![A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatedLetter();

    [GeneratedRegex(@"^\(?([A-Z0-9])[\).:](?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingLetter();

    [GeneratedRegex(@"(?<![A-Za-z0-9'’])\(?([A-Z])\)?(?![A-Za-z0-9'’])", RegexOptions.CultureInvariant)]
    private static partial Regex StandaloneLetter();

    [GeneratedRegex(@"^\s+(?:or|and|nor)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ConjunctionAhead();

    [GeneratedRegex(@"(?:####|answer\s+is|answer\s*:)\s*\$?\s*(-?\d[\d,]*(?:\.\d+)?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MarkedNumber();

    [GeneratedRegex(@"-?\d[\d,]*(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex AnyNumber();
}
