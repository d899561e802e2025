namespace Cascade.Evaluation.Reports;

/// <summary>The comparison of a policy's search figures with its replay through the middleware.</summary>
/// <param name="Policy">The policy's description.</param>
/// <param name="SearchCost">The search's summed USD cost.</param>
/// <param name="ReplayCost">The middleware's summed USD cost (from the routes).</param>
/// <param name="SearchCorrect">The search's count of right answers.</param>
/// <param name="ReplayCorrect">The replay's count of right answers.</param>
/// <param name="SameRungEveryQuestion">Whether every question ended at the same rung in both.</param>
/// <param name="SameLatencyEveryQuestion">Whether every question's summed attempt durations in the route equal the search's summed recorded latencies.</param>
public sealed record ReplayCheck(string Policy, decimal SearchCost, decimal ReplayCost, int SearchCorrect, int ReplayCorrect, bool SameRungEveryQuestion, bool SameLatencyEveryQuestion)
{
    /// <summary>Gets whether the two agree exactly.</summary>
    public bool Matches => SearchCost == ReplayCost && SearchCorrect == ReplayCorrect && SameRungEveryQuestion && SameLatencyEveryQuestion;
}
