namespace Cascade;

/// <summary>One FAQ pattern and its canned answer.</summary>
/// <param name="Pattern">A .NET regular expression matched against the last user message (case-insensitive).</param>
/// <param name="Answer">The answer returned when it matches.</param>
public sealed record FaqEntry(string Pattern, string Answer);
