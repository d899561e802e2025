namespace Cascade.Simulator.Replay;

/// <summary>What one dataset model answered to a recorded question.</summary>
/// <param name="Text">The recorded answer.</param>
/// <param name="Correct">Whether it was graded right, when known.</param>
/// <param name="LogprobConfidence">The log-probability the model gave its answer, when recorded.</param>
public sealed record RecordedAnswer(string Text, bool? Correct, double? LogprobConfidence);
