using Cascade.Evaluation.Data;
using Cascade.Evaluation.Policies;
using Cascade.Evaluation.Replay;
using Cascade.Evaluation.Scoring;

namespace Cascade.Evaluation.Reports;

/// <summary>Replays a dataset's reported learned policies through the middleware and compares them with the search's figures.</summary>
public static class ReplayVerifier
{
    /// <summary>Replays the guaranteed point and the headline family's cross-validated and curve policies on the test split.</summary>
    public static async Task<IReadOnlyList<ReplayCheck>> VerifyAsync(DatasetResult result, DatasetPair pair, CancellationToken cancellationToken = default)
    {
        var test = ScoredSplit.Create(pair.Test, result.Pricing);
        var policies = new[] { result.Guaranteed, result.Headline.Chosen, result.Headline.HeadlinePoint }.OfType<EvaluatedPolicy>().Distinct().ToArray();
        var checks = new List<ReplayCheck>(policies.Length);
        foreach (var evaluated in policies)
        {
            checks.Add(await CheckAsync(evaluated.Policy, evaluated.Description, test, cancellationToken));
        }

        return checks;
    }

    /// <summary>Replays one policy and compares it with <see cref="PolicyRunner"/>.</summary>
    public static async Task<ReplayCheck> CheckAsync(CascadePolicy policy, string description, ScoredSplit split, CancellationToken cancellationToken = default)
    {
        var search = PolicyRunner.Run(policy, split, out int[] searchRungs);
        var (replay, routeCost, replayRungs) = await CascadeReplay.RunAsync(policy, split, cancellationToken);
        return new ReplayCheck(description, search.TotalCost, routeCost, search.Correct, replay.Correct, searchRungs.SequenceEqual(replayRungs), search.LatencyTicks.SequenceEqual(replay.LatencyTicks));
    }
}
