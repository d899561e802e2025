using Cascade.Simulator.Configuration;

namespace Cascade.Simulator.Answers.Realistic;

/// <summary>
/// The verdict of a simulated judge in realistic mode. It does not look for doubt phrases (the hedging gate's rule):
/// it reads the question and the answer under review (split at "Answer to evaluate:", the judge gate's prompt), finds
/// the store points the question raises, and calls the answer good when it gives the store's policy for each of them
/// and is not a refusal or an "I don't know". The judge errs like any model: at its own wrong share the verdict flips.
/// </summary>
internal static class RealisticJudge
{
    private static readonly string[] s_answerMarkers = ["answer to evaluate:", "answer:", "response:"];

    public static bool IsGood(AnswerContext context, ErrorProfileOptions judgeProfile)
    {
        string text = context.Question;
        string lower = text.ToLowerInvariant();
        string question = text;
        string answer = text;
        foreach (string marker in s_answerMarkers)
        {
            int at = lower.LastIndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                question = text[..at];
                answer = text[(at + marker.Length)..];
                break;
            }
        }

        bool good = !answer.Contains(AnswerEngine.RefusalText, StringComparison.OrdinalIgnoreCase) &&
                    !answer.Contains("I don't know", StringComparison.OrdinalIgnoreCase) &&
                    answer.Trim().Length > 0 &&
                    StorePolicies.Detect(question).All(p => answer.Contains(p.Answer, StringComparison.Ordinal));
        return context.Hash.Unit(120) < judgeProfile.WrongShare ? !good : good;
    }
}
