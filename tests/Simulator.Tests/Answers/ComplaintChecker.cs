namespace Cascade.Simulator.Tests.Answers;

/// <summary>
/// Checks an answer to a complaint against the facts the store's policy table (src/Simulator/README.md) requires for
/// each issue. It shares no code with the simulator or the generator: its facts are its own list.
/// </summary>
public static class ComplaintChecker
{
    private static readonly Dictionary<string, string[]> s_facts = new(StringComparer.Ordinal)
    {
        ["late"] = ["trace", "10 business days"],
        ["damaged"] = ["photo", "replacement"],
        ["wrong-item"] = ["prepaid return label"],
        ["refund"] = ["5-7 business days"],
        ["return-window"] = ["30 days", "store credit"],
        ["double-charge"] = ["authorisation", "duplicate"],
        ["price-drop"] = ["refund the difference"],
        ["defect"] = ["one-year warranty"],
        ["cancel"] = ["until it ships"],
        ["customs"] = ["customs duties", "recipient"],
    };

    /// <summary>Gets the issues of <paramref name="complaint"/> that <paramref name="answer"/> does not cover.</summary>
    public static IReadOnlyList<string> Missed(Complaint complaint, string answer) =>
        [.. complaint.Issues.Where(issue => !s_facts[issue].All(fact => answer.Contains(fact, StringComparison.OrdinalIgnoreCase)))];
}
