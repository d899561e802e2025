namespace Cascade;

/// <summary>How the <see cref="ConsistencyGate"/> compares two answers.</summary>
public enum AnswerComparison
{
    /// <summary>By choice when the request has choices, by number when both answers end in one, else by normalised text. The default.</summary>
    Auto,

    /// <summary>The multiple-choice option picked.</summary>
    Choice,

    /// <summary>The final number.</summary>
    Number,

    /// <summary>The normalised text: equal, or word overlap at least <see cref="ConsistencyGateOptions.MinSimilarity"/>.</summary>
    Text,
}
