using System.Text.RegularExpressions;

namespace Cascade.Simulator.Answers;

/// <summary>
/// Answers anything else: its quality depends on the model's capability against the question's estimated difficulty,
/// with a little per-question noise, so weaker models are sometimes hedged and sometimes wrong with confidence.
/// </summary>
internal static partial class GenericAnswers
{
    private static readonly string[] s_sentences =
    [
        "The key is how the parts of the question depend on each other.",
        "Working through it step by step gives a consistent result.",
        "The standard approach applies here without special cases.",
        "Checking the edge cases confirms the conclusion.",
        "This is the answer most references agree on.",
        "The reasoning holds under the usual assumptions.",
        "A short example makes the point concrete.",
        "The same result follows from the definitions.",
    ];

    private static readonly string[] s_wrongSentences =
    [
        "The answer follows directly from the first rule, with no exceptions.",
        "This is settled and needs no further checking.",
        "The usual caveats do not apply here.",
    ];

    public static SimulatedAnswer Answer(AnswerContext context, double capability)
    {
        string question = context.Question;
        double difficulty = DifficultyEstimator.Estimate(question);
        double margin = capability - difficulty + ((context.Hash.Unit(1) - 0.5) * 0.3);
        AnswerQuality quality = margin > 0.05 ? AnswerQuality.Confident
            : margin > -0.2 || context.Hash.Unit(2) < 0.5 ? AnswerQuality.Hedged
            : AnswerQuality.ConfidentlyWrong;

        if (ChoicePattern().Matches(question) is { Count: >= 2 } choices)
        {
            string[] letters = [.. choices.Select(m => m.Groups["letter"].Value).Distinct()];
            string letter = letters[context.Hash.Pick(4, letters.Length)];
            return new SimulatedAnswer
            {
                Text = quality == AnswerQuality.Hedged && context.WantsUnsurePrefix ? "UNSURE: " + letter : letter,
                Logprob = Logprob(quality, context),
                Source = AnswerSource.Generic,
                Quality = quality,
                Alternatives = [.. letters.Where(l => l != letter)],
            };
        }

        string subject = Subject(question);
        int sentences = 1 + (int)Math.Round(difficulty * 4);
        var body = new System.Text.StringBuilder();
        for (int i = 0; i < sentences; i++)
        {
            string[] pool = quality == AnswerQuality.ConfidentlyWrong && i == 0 ? s_wrongSentences : s_sentences;
            body.Append(' ').Append(pool[context.Hash.Pick(10 + i, pool.Length)]);
        }

        string text = quality switch
        {
            AnswerQuality.Hedged => Hedges.Hedge($"the answer to \"{subject}\" is the usual one.{body}", "the details the question leaves open", context.WantsUnsurePrefix, context.Hash),
            _ => $"Here is the answer to \"{subject}\".{body}",
        };

        return new SimulatedAnswer { Text = text, Logprob = Logprob(quality, context), Source = AnswerSource.Generic, Quality = quality };
    }

    private static double Logprob(AnswerQuality quality, AnswerContext context) => quality switch
    {
        AnswerQuality.Confident => -0.05 - (0.2 * context.Hash.Unit(3)),
        AnswerQuality.Hedged => -0.9 - (0.8 * context.Hash.Unit(3)),
        _ => -0.15 - (0.3 * context.Hash.Unit(3)),
    };

    private static string Subject(string question)
    {
        string flat = question.ReplaceLineEndings(" ").Trim().TrimEnd('?', '.', '!');
        if (flat.Length == 0)
        {
            return "your message";
        }

        string[] words = flat.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 12 ? string.Join(' ', words) : string.Join(' ', words[..12]) + "...";
    }

    [GeneratedRegex(@"(?m)^\s*\(?(?<letter>[A-E])[:\)\.]\s")]
    private static partial Regex ChoicePattern();
}
