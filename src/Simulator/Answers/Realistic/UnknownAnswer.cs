using Cascade.Simulator.Configuration;

namespace Cascade.Simulator.Answers.Realistic;

/// <summary>
/// The answer to a question that is neither recorded nor about the store: a plain "I don't know" with two of the
/// doubt phrases the shipped hedging gate looks for, and a low log-probability.
/// </summary>
internal static class UnknownAnswer
{
    /// <summary>The text of the answer.</summary>
    public const string Text = "I don't know the answer to that. I don't have enough information to answer it reliably, and I cannot determine it from what you wrote.";

    public static SimulatedAnswer Create(AnswerContext context, ErrorProfileOptions profile) => new()
    {
        Text = context.WantsUnsurePrefix ? "UNSURE: " + Text : Text,
        Logprob = ErrorModel.Logprob(profile, false, context.Hash),
        Source = AnswerSource.Generic,
        Quality = AnswerQuality.Unknown,
    };
}
