namespace Cascade.Simulator.Answers;

/// <summary>Estimates how hard a question is, from 0 to 1, from cheap features of its text.</summary>
internal static class DifficultyEstimator
{
    private static readonly string[] s_hardMarkers =
    [
        "prove", "derive", "explain why", "step by step", "optimi", "algorithm", "complexity", "trade-off", "tradeoff",
        "compare", "analy", "design", "implement", "calculate", "integral", "theorem", "diagnos", "legal", "why does",
        "what if", "edge case", "```",
    ];

    public static double Estimate(string question)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return 0.1;
        }

        double difficulty = 0.15;
        int words = question.AsSpan().Count(' ') + 1;
        difficulty += Math.Min(0.3, words / 400.0);
        int questions = question.AsSpan().Count('?');
        difficulty += Math.Min(0.15, Math.Max(0, questions - 1) * 0.05);
        foreach (string marker in s_hardMarkers)
        {
            if (question.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                difficulty += 0.12;
            }
        }

        int digits = 0;
        foreach (char c in question)
        {
            if (char.IsDigit(c))
            {
                digits++;
            }
        }

        difficulty += Math.Min(0.15, digits / 60.0);
        return Math.Clamp(difficulty, 0.05, 0.98);
    }
}
