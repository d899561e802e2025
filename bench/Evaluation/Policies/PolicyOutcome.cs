namespace Cascade.Evaluation.Policies;

/// <summary>What a policy did on a split: accuracy, exact cost, where questions were resolved and how often they escalated.</summary>
/// <param name="Questions">The number of questions.</param>
/// <param name="Correct">How many final answers were right.</param>
/// <param name="TotalCostUnits">The summed cost of every call made, in picodollars.</param>
/// <param name="ResolvedPerRung">How many questions ended at each rung of the policy.</param>
/// <param name="Escalated">How many questions were escalated at least once.</param>
/// <param name="LatencyTicks">Per question, the summed recorded latency of the calls made (sequential rungs), in ticks.</param>
public sealed record PolicyOutcome(int Questions, int Correct, long TotalCostUnits, IReadOnlyList<int> ResolvedPerRung, int Escalated, IReadOnlyList<long> LatencyTicks)
{
    /// <summary>Gets, per question, whether the final answer was right (empty when the outcome was not run question by question).</summary>
    public IReadOnlyList<bool> RightPerQuestion { get; init; } = [];

    /// <summary>Gets, per question, the summed cost of the calls made, in picodollars (empty when the outcome was not run question by question).</summary>
    public IReadOnlyList<long> CostUnitsPerQuestion { get; init; } = [];

    /// <summary>Gets the median latency of a question.</summary>
    public TimeSpan MedianLatency => Percentile(0.5);

    /// <summary>Gets the 95th-percentile latency of a question.</summary>
    public TimeSpan P95Latency => Percentile(0.95);

    /// <summary>Gets a latency percentile (nearest rank).</summary>
    public TimeSpan Percentile(double share)
    {
        if (LatencyTicks.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var sorted = LatencyTicks.Order().ToArray();
        int rank = (int)Math.Ceiling(share * sorted.Length) - 1;
        return TimeSpan.FromTicks(sorted[Math.Clamp(rank, 0, sorted.Length - 1)]);
    }

    /// <summary>Gets the share of right final answers.</summary>
    public double Accuracy => Questions == 0 ? 0 : (double)Correct / Questions;

    /// <summary>Gets the summed US dollar cost.</summary>
    public decimal TotalCost => Scoring.ScoredSplit.Dollars(TotalCostUnits);

    /// <summary>Gets the mean US dollar cost of a question.</summary>
    public decimal CostPerQuestion => Questions == 0 ? 0 : TotalCost / Questions;

    /// <summary>Gets the share of questions escalated at least once.</summary>
    public double EscalationRate => Questions == 0 ? 0 : (double)Escalated / Questions;
}
