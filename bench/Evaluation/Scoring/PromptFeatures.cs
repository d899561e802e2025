using System.Text.RegularExpressions;

namespace Cascade.Evaluation.Scoring;

/// <summary>
/// What an up-front router can read off a request before any model call: its length and shape. The router learns from
/// these whether the cascade's first rung is likely to answer right.
/// </summary>
public static partial class PromptFeatures
{
    /// <summary>Gets the feature names, in vector order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["log_characters", "log_words", "digit_share", "lines", "code", "questions", "longest_word"];

    /// <summary>Computes the features of a prompt (the system prompt is not counted: it is the same for every request of a workload).</summary>
    public static double[] Of(string prompt)
    {
        prompt ??= string.Empty;
        var words = prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        int digits = prompt.Count(char.IsDigit);
        return
        [
            Math.Log(1 + prompt.Length),
            Math.Log(1 + words.Length),
            prompt.Length == 0 ? 0 : (double)digits / prompt.Length,
            Math.Min(prompt.Count(c => c == '\n'), 50),
            Code().IsMatch(prompt) ? 1 : 0,
            Math.Min(prompt.Count(c => c == '?'), 10),
            words.Length == 0 ? 0 : Math.Min(words.Max(w => w.Length), 40),
        ];
    }

    [GeneratedRegex(@"```|\bdef |\breturn\b|[{};]\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Code();
}
