using Cascade.Evaluation.Data;
using Cascade.Evaluation.Policies;
using Cascade.Evaluation.Scoring;

namespace Cascade.Evaluation.Tests.Policies;

public sealed class PolicyRunnerTests
{
    private static ScoredSplit CsvSplit()
    {
        var csv = Fixture.Csv();
        return ScoredSplit.Create(csv, csv.Models.Select(ReplayPricing.CostUnits).ToArray());
    }

    [Fact]
    public void TextCheckCascade_CountsEveryCallItMade()
    {
        var split = CsvSplit();
        var policy = new CascadePolicy(GateFamily.TextChecks, [0, 1], [1.0], [TextCheckScorer.Instance]);

        var outcome = PolicyRunner.Run(policy, split, out int[] rungs);

        // Rows 0 and 1 answer a bare letter and stay on the cheap model; row 3 hedges ("I think") and escalates.
        rungs.ShouldBe([0, 0, 1]);
        outcome.TotalCost.ShouldBe(0.0001m + 0.0002m + 0.00015m + 0.0015m);
        outcome.Correct.ShouldBe(1);
        outcome.Accuracy.ShouldBe(1.0 / 3);
        outcome.ResolvedPerRung.ShouldBe([2, 1]);
        outcome.EscalationRate.ShouldBe(1.0 / 3);
        outcome.LatencyTicks.ShouldBe([0L, 0L, 0L]); // RouterBench records no latency
    }

    [Fact]
    public void Oracle_PaysTheCheapestRightModel()
    {
        var split = CsvSplit();

        var oracle = PolicyRunner.Oracle(split, out int[] resolved);

        // Row 0: cheap right (0.0001); row 1: only strong right (0.002); row 3: cheap right (0.00015).
        oracle.TotalCost.ShouldBe(0.0001m + 0.002m + 0.00015m);
        oracle.Correct.ShouldBe(3);
        resolved.ShouldBe([2, 1]);
    }

    [Fact]
    public void Oracle_WithNoRightModel_PaysTheCheapestAndCountsWrong()
    {
        var pair = Fixture.MmluPair();
        var pricing = ReplayPricing.Fit(pair);
        var split = ScoredSplit.Create(pair.Test, pricing);

        var oracle = PolicyRunner.Oracle(split, out _);

        decimal expected = 0;
        int right = 0;
        foreach (var question in pair.Test.Questions)
        {
            var cheapestRight = question.Answers.Where(a => a.Correct).OrderBy(a => a.Cost).FirstOrDefault();
            expected += cheapestRight?.Cost ?? question.Answers.Min(a => a.Cost);
            right += cheapestRight is null ? 0 : 1;
        }

        oracle.TotalCost.ShouldBe(expected);
        oracle.Correct.ShouldBe(right);
        right.ShouldBeLessThan(pair.Test.Questions.Count); // the fixture has questions no model gets right
    }

    [Fact]
    public void Single_SumsTheRecordedCostsExactly()
    {
        var pair = Fixture.MmluPair();
        var split = ScoredSplit.Create(pair.Test, ReplayPricing.Fit(pair));

        for (int m = 0; m < pair.Models.Count; m++)
        {
            var outcome = PolicyRunner.Single(split, m);
            outcome.TotalCost.ShouldBe(pair.Test.Questions.Sum(q => q.Answers[m].Cost));
            outcome.Correct.ShouldBe(pair.Test.Questions.Count(q => q.Answers[m].Correct));
        }
    }

    [Fact]
    public void LogprobCascade_MatchesAHandRun()
    {
        var pair = Fixture.MmluPair();
        var split = ScoredSplit.Create(pair.Test, ReplayPricing.Fit(pair));
        var policy = new CascadePolicy(GateFamily.Logprob, [0, 2], [0.9], [LogprobScorer.Instance]);

        var outcome = PolicyRunner.Run(policy, split);

        decimal cost = 0;
        int right = 0;
        foreach (var q in pair.Test.Questions)
        {
            bool keep = Math.Exp(q.Answers[0].LogprobConfidence!.Value) >= 0.9;
            cost += q.Answers[0].Cost + (keep ? 0 : q.Answers[2].Cost);
            right += (keep ? q.Answers[0] : q.Answers[2]).Correct ? 1 : 0;
        }

        outcome.TotalCost.ShouldBe(cost);
        outcome.Correct.ShouldBe(right);
    }

    [Fact]
    public void Latency_SumsTheRecordedLatenciesOfTheCallsMade()
    {
        var pair = Fixture.MmluPair();
        var split = ScoredSplit.Create(pair.Test, ReplayPricing.Fit(pair));
        var policy = new CascadePolicy(GateFamily.Logprob, [0, 2], [0.9], [LogprobScorer.Instance]);

        var outcome = PolicyRunner.Run(policy, split, out int[] rungs);

        outcome.LatencyTicks.ShouldBe(rungs.Select(r => TimeSpan.FromMilliseconds(100 * (r + 1)).Ticks).ToArray());
        outcome.MedianLatency.ShouldBeOneOf(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200));
    }
}
