namespace Cascade.Evaluation.Data;

/// <summary>One model's recorded answer to one question.</summary>
/// <param name="Text">The text the model returned.</param>
/// <param name="Correct">Whether the answer was graded right.</param>
/// <param name="Cost">The recorded USD cost of the call, in whole picodollars (see <see cref="RecordedCost"/>).</param>
/// <param name="Tokens">The recorded input and output tokens, or <see langword="null"/> when the file has none.</param>
/// <param name="LatencyMs">The recorded latency in milliseconds, or <see langword="null"/>.</param>
/// <param name="LogprobConfidence">The log-probability the model gave its own answer, or <see langword="null"/>.</param>
public sealed record RecordedAnswer(
    string Text,
    bool Correct,
    decimal Cost,
    TokenUsage? Tokens,
    double? LatencyMs,
    double? LogprobConfidence)
{
    /// <summary>Gets the recorded latency as a <see cref="TimeSpan"/> rounded to whole ticks (zero when unknown): the figure the search sums and the replay's clock advances by.</summary>
    public TimeSpan Latency => LatencyMs is { } ms ? TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond)) : TimeSpan.Zero;
}
