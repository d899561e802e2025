namespace Cascade.Evaluation.Data;

/// <summary>A row a loader left out, and why.</summary>
/// <param name="Line">The 1-based line the row starts on.</param>
/// <param name="Reason">Why it was skipped (for example a blank score).</param>
public sealed record SkippedRow(int Line, string Reason);
