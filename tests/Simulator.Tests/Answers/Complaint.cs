namespace Cascade.Simulator.Tests.Answers;

/// <summary>A generated customer complaint and the issues it raises.</summary>
public sealed record Complaint(string Text, IReadOnlyList<string> Issues);
