namespace Cascade.Router;

/// <summary>An active alarm: a condition that holds, since when, and the figure that raised it.</summary>
/// <param name="Kind">The condition.</param>
/// <param name="Subject">What it is about: the workload, <c>all</c> for the fallback share, the circuit key, or <c>{key id}/daily</c> and <c>{key id}/monthly</c> for spend.</param>
/// <param name="Value">The measured figure: a rate or share, the circuit's consecutive failures, or the USD spent.</param>
/// <param name="Threshold">The figure it passed: the configured rate or share, or the USD the cap's pace allows by now.</param>
/// <param name="RaisedAt">When the alarm was raised.</param>
/// <param name="Message">A sentence an operator can act on.</param>
/// <param name="KeyId">The API key a spend alarm is about.</param>
public sealed record Alarm(AlarmKind Kind, string Subject, double Value, double Threshold, DateTimeOffset RaisedAt, string Message, string? KeyId = null);
