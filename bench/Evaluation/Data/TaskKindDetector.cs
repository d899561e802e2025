using System.Text.RegularExpressions;

namespace Cascade.Evaluation.Data;

/// <summary>
/// Tells what kind of answer a recording expects from its answers and prompts, not from its file name: a
/// multiple-choice file named <c>quiz_train.jsonl</c> is still compared letter by letter.
/// </summary>
/// <remarks>
/// Every model's answer to every question is looked at, and the first rule that holds wins:
/// <list type="number">
/// <item><description><see cref="TaskKind.Code"/>: at least <see cref="MajorityShare"/> of the answers carry a program (a code fence, or a line opening with <c>def</c>, <c>class</c>, <c>import</c>, <c>function</c> or <c>public</c>).</description></item>
/// <item><description><see cref="TaskKind.MultipleChoice"/>: at least <see cref="MajorityShare"/> of the answers are a lone option letter (A to E, optionally bracketed or followed by a full stop), or at least that share of the prompts list lettered options (<c>A)</c> or <c>A.</c> and <c>B)</c> or <c>B.</c> at line starts) and most answers open with a letter.</description></item>
/// <item><description><see cref="TaskKind.Math"/>: at least <see cref="MajorityShare"/> of the answers are worked solutions (several lines or over <see cref="WorkedSolutionLength"/> characters) whose last line holds a number, or carry a <c>####</c> final-answer marker.</description></item>
/// <item><description>Otherwise <see cref="TaskKind.FreeText"/>.</description></item>
/// </list>
/// </remarks>
public static partial class TaskKindDetector
{
    /// <summary>The share of answers (or prompts) a rule needs.</summary>
    public const double MajorityShare = 0.5;

    /// <summary>The length from which a one-line answer counts as a worked solution.</summary>
    public const int WorkedSolutionLength = 200;

    /// <summary>Detects the task kind of some questions; <see cref="TaskKind.FreeText"/> when there are none.</summary>
    public static TaskKind Detect(IReadOnlyList<RecordedQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var answers = questions.SelectMany(q => q.Answers.Select(a => a.Text ?? string.Empty)).ToArray();
        if (answers.Length == 0)
        {
            return TaskKind.FreeText;
        }

        if (Share(answers, IsCode) >= MajorityShare)
        {
            return TaskKind.Code;
        }

        if (Share(answers, a => LoneLetter().IsMatch(a)) >= MajorityShare
            || (Share(questions.Select(q => q.Prompt).ToArray(), p => FirstOption().IsMatch(p) && SecondOption().IsMatch(p)) >= MajorityShare
                && Share(answers, a => LeadingLetter().IsMatch(a)) >= MajorityShare))
        {
            return TaskKind.MultipleChoice;
        }

        return Share(answers, IsWorkedSolution) >= MajorityShare ? TaskKind.Math : TaskKind.FreeText;
    }

    private static double Share(IReadOnlyCollection<string> texts, Func<string, bool> rule) =>
        texts.Count == 0 ? 0 : (double)texts.Count(rule) / texts.Count;

    private static bool IsCode(string text) => text.Contains("```", StringComparison.Ordinal) || CodeLine().IsMatch(text);

    private static bool IsWorkedSolution(string text)
    {
        if (text.Contains("####", StringComparison.Ordinal))
        {
            return true;
        }

        string trimmed = text.Trim();
        string[] lines = trimmed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (lines.Length >= 2 || trimmed.Length > WorkedSolutionLength) && lines.Length > 0 && Digit().IsMatch(lines[^1]);
    }

    [GeneratedRegex(@"^\s*\(?[A-E]\)?\.?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex LoneLetter();

    [GeneratedRegex(@"^\W*(?:(?i:answer)\s*(?:(?i:is))?\s*[:\-]?\s*)?\(?[A-E](?:[\s\.\):,;]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingLetter();

    [GeneratedRegex(@"(?m)^\s*\(?A[\).:]", RegexOptions.CultureInvariant)]
    private static partial Regex FirstOption();

    [GeneratedRegex(@"(?m)^\s*\(?B[\).:]", RegexOptions.CultureInvariant)]
    private static partial Regex SecondOption();

    [GeneratedRegex(@"(?m)^\s*(?:def|class|import|function|public)\s", RegexOptions.CultureInvariant)]
    private static partial Regex CodeLine();

    [GeneratedRegex(@"\d", RegexOptions.CultureInvariant)]
    private static partial Regex Digit();
}
