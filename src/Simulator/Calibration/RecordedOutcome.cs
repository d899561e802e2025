namespace Cascade.Simulator.Calibration;

/// <summary>One recorded answer of a real model, as the error calibration reads it.</summary>
/// <param name="Task">The benchmark (<c>triviaqa</c>, <c>mbpp</c>...).</param>
/// <param name="Model">The dataset model.</param>
/// <param name="Text">The answer text.</param>
/// <param name="Correct">Whether it was graded right.</param>
/// <param name="Logprob">The log-probability the model gave its answer, when recorded.</param>
/// <param name="CutOff">Whether the answer stopped at the recording's output limit.</param>
public sealed record RecordedOutcome(string Task, string Model, string Text, bool Correct, double? Logprob, bool CutOff);
