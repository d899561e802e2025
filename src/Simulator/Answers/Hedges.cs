namespace Cascade.Simulator.Answers;

/// <summary>The doubt phrases real models use, and the ones quality gates look for.</summary>
internal static class Hedges
{
    public static readonly string[] Phrases = ["i'm not sure", "i think", "it depends", "possibly", "i don't have enough", "i cannot determine"];

    /// <summary>Counts the doubt phrases in a text.</summary>
    public static int Count(string text)
    {
        int count = 0;
        foreach (string phrase in Phrases)
        {
            if (text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Wraps an answer in doubt (two phrases, as weak models do on hard questions).</summary>
    public static string Hedge(string answer, string unsureAbout, bool unsurePrefix, StableHash hash)
    {
        string core = answer.Length > 0 ? char.ToLowerInvariant(answer[0]) + answer[1..] : answer;
        string text = hash.Pick(31, 3) switch
        {
            0 => $"I think {core} But I'm not sure about {unsureAbout}; it depends on details I can't see.",
            1 => $"I'm not sure, but I think {core} It depends on {unsureAbout}, so please double-check.",
            _ => $"Possibly {core} I think it depends on {unsureAbout}, and I don't have enough information to be certain.",
        };
        return unsurePrefix ? "UNSURE: " + text : text;
    }
}
