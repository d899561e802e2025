using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Cascade.Evaluation.Data;

namespace Cascade.Evaluation.Scoring;

/// <summary>
/// What a gate can read off one answer without calling a model: its normalized answer (to compare tiers), format,
/// hedging, length and logprob confidence. Computed once per recorded answer by the search and again, from the
/// response alone, by the replayed gate: one function, so both see the same figures.
/// </summary>
public sealed partial class AnswerSignals
{
    private static readonly string[] HedgingPhrases =
    [
        "i'm not sure", "i am not sure", "i think", "it depends", "possibly", "i don't have enough", "i cannot determine",
        "not certain", "i'm unsure", "unclear", "i don't know", "cannot be determined", "might be", "may be",
    ];

    private static readonly string[] RefusalPhrases = ["i cannot", "i can't", "i'm sorry", "i apologize", "as an ai", "unable to"];

    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal) { "a", "an", "the" };

    private AnswerSignals(TaskKind task, string key, IReadOnlySet<string> words, bool formatOk, int hedges, bool refusal, int length, double? logprob)
    {
        Task = task;
        Key = key;
        Words = words;
        FormatOk = formatOk;
        Hedges = hedges;
        Refusal = refusal;
        Length = length;
        Logprob = logprob;
    }

    /// <summary>Gets the task kind the answer was read as.</summary>
    public TaskKind Task { get; }

    /// <summary>Gets the normalized answer: the letter, the final number, the normalized text or the normalized code.</summary>
    public string Key { get; }

    /// <summary>Gets the normalized words (or code identifiers) of the answer, for graded agreement.</summary>
    public IReadOnlySet<string> Words { get; }

    /// <summary>Gets whether the answer has the expected shape (a letter, a number, a short answer, a program).</summary>
    public bool FormatOk { get; }

    /// <summary>Gets how many hedging phrases the answer carries (001's list and a few more), or 1 for an <c>UNSURE:</c> prefix.</summary>
    public int Hedges { get; }

    /// <summary>Gets whether the answer reads as a refusal.</summary>
    public bool Refusal { get; }

    /// <summary>Gets the answer's length in characters.</summary>
    public int Length { get; }

    /// <summary>Gets the log-probability the model gave its answer, when known.</summary>
    public double? Logprob { get; }

    /// <summary>Gets the probability the model gave its answer (<c>exp(logprob)</c>), when known.</summary>
    public double? Confidence => Logprob is { } lp ? Math.Exp(lp) : null;

    /// <summary>Gets whether the plain text checks pass: expected format, no hedging, no refusal.</summary>
    public bool PassesTextChecks => FormatOk && Hedges == 0 && !Refusal;

    /// <summary>Reads the signals of an answer.</summary>
    public static AnswerSignals From(TaskKind task, string text, double? logprob)
    {
        text ??= string.Empty;
        string lower = text.ToLowerInvariant();
        int hedges = HedgingPhrases.Count(lower.Contains) + (text.TrimStart().StartsWith("UNSURE:", StringComparison.OrdinalIgnoreCase) ? 1 : 0);
        bool refusal = RefusalPhrases.Any(p => lower.Contains(p, StringComparison.Ordinal)) && task != TaskKind.Code;
        (string key, IReadOnlySet<string> words, bool ok) = task switch
        {
            TaskKind.MultipleChoice => Choice(text),
            TaskKind.Math => Number(text),
            TaskKind.Code => Code(text),
            _ => Free(text),
        };
        return new AnswerSignals(task, key, words, ok, hedges, refusal, text.Length, logprob);
    }

    /// <summary>How far two answers agree, from 0 to 1: equal keys give 1; free text and code fall back to word overlap.</summary>
    public static double Agreement(AnswerSignals a, AnswerSignals b)
    {
        if (a.Key.Length > 0 && string.Equals(a.Key, b.Key, StringComparison.Ordinal))
        {
            return 1;
        }

        return a.Task switch
        {
            TaskKind.FreeText => F1(a.Words, b.Words),
            TaskKind.Code => Jaccard(a.Words, b.Words),
            _ => 0,
        };
    }

    private static (string, IReadOnlySet<string>, bool) Choice(string text)
    {
        var match = LeadingChoice().Match(text);
        if (!match.Success)
        {
            match = StatedChoice().Match(text);
        }

        if (match.Success)
        {
            string letter = match.Groups["c"].Value.ToUpperInvariant();
            return (letter, new HashSet<string> { letter }, text.Trim().Length <= 3);
        }

        var words = WordsOf(text);
        return ("?" + string.Join(' ', words), words, false);
    }

    private static (string, IReadOnlySet<string>, bool) Number(string text)
    {
        int marker = text.LastIndexOf("####", StringComparison.Ordinal);
        string tail = marker >= 0 ? text[(marker + 4)..] : text;
        var numbers = Numbers().Matches(tail);
        if (numbers.Count == 0)
        {
            return (string.Empty, new HashSet<string>(), false);
        }

        string raw = (marker >= 0 ? numbers[0] : numbers[^1]).Value.Replace(",", string.Empty, StringComparison.Ordinal);
        string key = decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value.ToString("G29", CultureInfo.InvariantCulture)
            : raw;
        return (key, new HashSet<string> { key }, marker >= 0);
    }

    private static (string, IReadOnlySet<string>, bool) Code(string text)
    {
        var fence = CodeFence().Match(text);
        string code = fence.Success ? fence.Groups["code"].Value : text;
        var tokens = Identifiers().Matches(code).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        string key = string.Join(' ', code.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        bool ok = code.Contains("def ", StringComparison.Ordinal) || code.Contains("return", StringComparison.Ordinal);
        return (key, tokens, ok);
    }

    private static (string, IReadOnlySet<string>, bool) Free(string text)
    {
        var words = WordsOf(text);
        string key = string.Join(' ', NormalizedWords(text));
        return (key, words, key.Length > 0 && words.Count <= 30);
    }

    private static HashSet<string> WordsOf(string text) => NormalizedWords(text).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> NormalizedWords(string text)
    {
        var cleaned = new StringBuilder(text.Length);
        foreach (char c in text.Normalize(NormalizationForm.FormKD))
        {
            if (char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            cleaned.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return cleaned.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Articles.Contains(w));
    }

    private static double F1(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        int common = a.Count(b.Contains);
        if (common == 0)
        {
            return 0;
        }

        double precision = (double)common / a.Count, recall = (double)common / b.Count;
        return 2 * precision * recall / (precision + recall);
    }

    private static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 0;
        }

        int common = a.Count(b.Contains);
        return (double)common / (a.Count + b.Count - common);
    }

    [GeneratedRegex(@"^\W*(?:(?i:answer)\s*(?:(?i:is))?\s*[:\-]?\s*)?\(?(?<c>[A-E])\)?(?:[\s\.\):,;]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingChoice();

    [GeneratedRegex(@"\b(?i:answer|option|choice)\s*(?:(?i:is))?\s*[:\-]?\s*\(?(?<c>[A-E])\b", RegexOptions.CultureInvariant)]
    private static partial Regex StatedChoice();

    [GeneratedRegex(@"-?\d[\d,]*(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Numbers();

    [GeneratedRegex(@"```[a-zA-Z0-9]*\s*\n(?<code>.*?)```", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex CodeFence();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*|\d+|==|!=|<=|>=|[-+*/%<>]", RegexOptions.CultureInvariant)]
    private static partial Regex Identifiers();
}
