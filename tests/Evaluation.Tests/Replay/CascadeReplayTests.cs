using Cascade.Evaluation.Data;
using Cascade.Evaluation.Policies;
using Cascade.Evaluation.Replay;
using Cascade.Evaluation.Reports;
using Cascade.Evaluation.Scoring;
using Microsoft.Extensions.AI;

namespace Cascade.Evaluation.Tests.Replay;

public sealed class CascadeReplayTests
{
    [Fact]
    public async Task Replay_EqualsTheSearch_ForEveryFrontPolicy()
    {
        var pair = Fixture.MmluPair();
        var pricing = ReplayPricing.Fit(pair);
        var train = ScoredSplit.Create(pair.Train, pricing);
        var test = ScoredSplit.Create(pair.Test, pricing);
        var families = new PolicySearch(train).Run();
        var policies = families.SelectMany(f => f.Front).Select(p => p.Policy).ToArray();
        policies.ShouldContain(p => p.Tiers.Count == 3); // escalations through every rung are exercised
        policies.ShouldContain(p => p.Router != null); // and up-front routing past the first rung

        foreach (var policy in policies)
        {
            var check = await ReplayVerifier.CheckAsync(policy, policy.Describe(pair.Models), test, TestContext.Current.CancellationToken);
            check.ReplayCost.ShouldBe(check.SearchCost, check.Policy);
            check.ReplayCorrect.ShouldBe(check.SearchCorrect, check.Policy);
            check.SameRungEveryQuestion.ShouldBeTrue(check.Policy);
            check.SameLatencyEveryQuestion.ShouldBeTrue(check.Policy);
        }
    }

    [Fact]
    public async Task Replay_OfAFiveRungPolicy_IsNotCutByTheCallCeiling()
    {
        var pair = Fixture.MmluPair();
        var test = ScoredSplit.Create(pair.Test, ReplayPricing.Fit(pair));
        var never = new[] { double.PositiveInfinity, double.PositiveInfinity };
        var policy = new CascadePolicy(GateFamily.Logprob, [0, 1, 2], never, [LogprobScorer.Instance, LogprobScorer.Instance]);

        var (outcome, cost, rungs) = await CascadeReplay.RunAsync(policy, test, TestContext.Current.CancellationToken);

        rungs.ShouldAllBe(r => r == 2);
        cost.ShouldBe(pair.Test.Questions.Sum(q => q.Answers.Sum(a => a.Cost)));
        outcome.LatencyTicks.ShouldAllBe(t => t == TimeSpan.FromMilliseconds(300).Ticks); // three calls of 100 ms each, timed by the cascade
        outcome.Correct.ShouldBe(pair.Test.Questions.Count(q => q.Answers[2].Correct));
    }

    [Fact]
    public async Task Replay_OfARoutedRequest_StartsAtTheSecondRungWithItsOwnScorers()
    {
        var pair = Fixture.MmluPair();
        var test = ScoredSplit.Create(pair.Test, ReplayPricing.Fit(pair));
        int width = PromptFeatures.Names.Count;
        var model = Cascade.Evaluation.Learning.LogisticModel.Fit([new double[width], Enumerable.Repeat(1.0, width).ToArray()], [false, true]);
        var skipped = new CascadePolicy(GateFamily.Logprob, [1, 2], [0.9], [LogprobScorer.Instance]);
        var policy = new CascadePolicy(GateFamily.Logprob, [0, 1, 2], [0.5, 0.5], [LogprobScorer.Instance, LogprobScorer.Instance])
        {
            Router = new PromptRouter(model, double.PositiveInfinity, skipped), // every prompt skips the first rung
        };

        var (outcome, cost, rungs) = await CascadeReplay.RunAsync(policy, test, TestContext.Current.CancellationToken);
        var search = PolicyRunner.Run(policy, test, out int[] searchRungs);

        rungs.ShouldAllBe(r => r >= 1);
        rungs.ShouldBe(searchRungs);
        outcome.ResolvedPerRung[0].ShouldBe(0);
        decimal expected = pair.Test.Questions.Sum(q => q.Answers[1].Cost + (Math.Exp(q.Answers[1].LogprobConfidence!.Value) >= 0.9 ? 0 : q.Answers[2].Cost));
        cost.ShouldBe(expected);
        search.TotalCost.ShouldBe(expected);
    }
}
