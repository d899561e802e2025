using Cascade.Evaluation.Data;
using Cascade.Evaluation.Policies;
using Cascade.Evaluation.Reports;
using Cascade.Evaluation.Scoring;

namespace Cascade.Evaluation.Tests.Policies;

public sealed class PolicySearchTests
{
    [Fact]
    public void Front_IsSortedAndNonDominated()
    {
        var pair = Fixture.MmluPair();
        var train = ScoredSplit.Create(pair.Train, ReplayPricing.Fit(pair));

        foreach (var family in new PolicySearch(train).Run())
        {
            var front = family.Front;
            front.Count.ShouldBeGreaterThan(1);
            for (int i = 1; i < front.Count; i++)
            {
                front[i].Train.TotalCostUnits.ShouldBeGreaterThan(front[i - 1].Train.TotalCostUnits);
                front[i].ConservativeCorrect.ShouldBeGreaterThan(front[i - 1].ConservativeCorrect);
            }
        }
    }

    [Fact]
    public void Front_WithoutStandardErrors_IsThePlainTrainParetoFront()
    {
        var pair = Fixture.MmluPair();
        var train = ScoredSplit.Create(pair.Train, ReplayPricing.Fit(pair));

        var front = new PolicySearch(train, new SearchOptions { CrossValidate = false, FrontStandardErrors = 0 }).Run(GateFamily.Logprob).Front;

        for (int i = 1; i < front.Count; i++)
        {
            front[i].Train.Correct.ShouldBeGreaterThan(front[i - 1].Train.Correct);
        }

        front.ShouldAllBe(p => p.ConservativeCorrect == p.Train.Correct);
        front.Max(p => p.Train.Correct).ShouldBeGreaterThanOrEqualTo(Enumerable.Range(0, train.Models.Count).Max(m => PolicyRunner.Single(train, m).Correct));
    }

    [Fact]
    public void CombinedFront_IsTheParetoFrontOfEveryOtherFamilysPoints()
    {
        var pair = Fixture.MmluPair();
        var train = ScoredSplit.Create(pair.Train, ReplayPricing.Fit(pair));
        var families = new PolicySearch(train, new SearchOptions { CrossValidate = false }).Run();
        var combined = families.Single(f => f.Family == GateFamily.Combined).Front;
        var others = families.Where(f => f.Family != GateFamily.Combined).SelectMany(f => f.Front).ToArray();

        // Every other family's point is matched or beaten by a combined point, and every combined point is one of theirs.
        others.ShouldAllBe(p => combined.Any(c => c.Train.TotalCostUnits <= p.Train.TotalCostUnits && c.ConservativeCorrect >= p.ConservativeCorrect));
        combined.ShouldAllBe(c => others.Any(p => p.Train.TotalCostUnits == c.Train.TotalCostUnits && p.ConservativeCorrect == c.ConservativeCorrect));
        combined.ShouldAllBe(c => c.Policy.Family != GateFamily.Combined);
    }

    [Fact]
    public void ConservativeScore_IsRightAnswersMinusStandardErrorsOfThePairedDifference()
    {
        var pair = Fixture.MmluPair();
        var train = ScoredSplit.Create(pair.Train, ReplayPricing.Fit(pair));
        var search = new PolicySearch(train, new SearchOptions { CrossValidate = false, FrontStandardErrors = 1.5 });
        int reference = search.BestSingleModel();

        var front = search.Run(GateFamily.Logprob).Front;

        front.ShouldNotBeEmpty();
        foreach (var point in front)
        {
            PolicyRunner.Run(point.Policy, train, out int[] finalRung);
            int discordant = Enumerable.Range(0, train.Count).Count(q => train.Correct[q][point.Policy.Tiers[finalRung[q]]] != train.Correct[q][reference]);
            point.ConservativeCorrect.ShouldBe(point.Train.Correct - (1.5 * Math.Sqrt(discordant)), 1e-9);
        }
    }

    [Fact]
    public void Front_TrainFiguresOfFixedGatesAreTheRunnersFigures()
    {
        var pair = Fixture.MmluPair();
        var train = ScoredSplit.Create(pair.Train, ReplayPricing.Fit(pair));

        var logprob = new PolicySearch(train).Run(GateFamily.Logprob);

        foreach (var point in logprob.Front)
        {
            Key(PolicyRunner.Run(point.Policy, train)).ShouldBe(Key(point.Train), point.Policy.Describe(pair.Models));
        }
    }

    [Fact]
    public void Calibration_ReadsOnlyTheTrainSplit()
    {
        var pair = Fixture.MmluPair();
        var flippedTest = pair.Test.Questions.Select(q => q with { Answers = q.Answers.Select(a => a with { Correct = !a.Correct, Text = "Z" }).ToArray() }).ToArray();
        var otherPair = DatasetPair.Create(pair.Train, new RecordedDataset("other/mmlu_tiny_test.jsonl", RecordingFormat.JsonLines, pair.Models, flippedTest, []));

        var one = DatasetEvaluator.Evaluate(pair);
        var other = DatasetEvaluator.Evaluate(otherPair);

        one.ReferenceModel.ShouldBe(other.ReferenceModel);
        one.HeadlineFamily.ShouldBe(other.HeadlineFamily);
        foreach (var (a, b) in one.Families.Zip(other.Families))
        {
            a.Front.Select(p => p.Description).ShouldBe(b.Front.Select(p => p.Description));
            a.Front.Select(p => Key(p.Train)).ShouldBe(b.Front.Select(p => Key(p.Train)));
            a.Chosen.Description.ShouldBe(b.Chosen.Description);
            (a.Calibration!.FrontStandardErrors, a.Calibration.MarginPoints, a.Calibration.HeldOutAccuracyDeltaPoints, a.Calibration.HeldOutCostRatio)
                .ShouldBe((b.Calibration!.FrontStandardErrors, b.Calibration.MarginPoints, b.Calibration.HeldOutAccuracyDeltaPoints, b.Calibration.HeldOutCostRatio));
        }

        // The test figures did change: the test split is read for reporting only.
        Key(one.Headline.Chosen.Test).ShouldNotBe(Key(other.Headline.Chosen.Test));
    }

    [Fact]
    public void HeadlineFamily_IsTheCheapestCrossValidatedFamilyWithinTheTolerance()
    {
        var result = DatasetEvaluator.Evaluate(Fixture.MmluPair());

        var eligible = result.Families.Where(f => f.Calibration!.HeldOutAccuracyDeltaPoints >= -1 - 1e-9).ToArray();
        eligible.ShouldNotBeEmpty();
        result.Headline.Family.ShouldBe(result.HeadlineFamily);
        result.Headline.Calibration!.HeldOutCostRatio.ShouldBe(eligible.Min(f => f.Calibration!.HeldOutCostRatio));
    }

    [Fact]
    public void HeadlineFamily_WithoutCrossValidation_IsRouted()
    {
        var result = DatasetEvaluator.Evaluate(Fixture.MmluPair(), new SearchOptions { CrossValidate = false });

        result.Headline.Family.ShouldBe(GateFamily.Routed);
    }

    [Fact]
    public void Calibration_ChangesWithTheTrainSplit()
    {
        var pair = Fixture.MmluPair();
        var shuffled = pair.Train.Questions.Select((q, i) => q with { Answers = q.Answers.Select((a, m) => m == 0 ? a with { Correct = i % 2 == 0 } : a).ToArray() }).ToArray();
        var otherTrain = new RecordedDataset("other/mmlu_tiny_train.jsonl", RecordingFormat.JsonLines, pair.Models, shuffled, []);
        var pricing = ReplayPricing.Fit(pair);

        var one = new PolicySearch(ScoredSplit.Create(pair.Train, pricing)).Run(GateFamily.Learned);
        var other = new PolicySearch(ScoredSplit.Create(otherTrain, pricing)).Run(GateFamily.Learned);

        one.Front.Select(p => Key(p.Train)).ShouldNotBe(other.Front.Select(p => Key(p.Train)));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1.0, 0.0)]
    [InlineData(1.0, 2.5)]
    public void Chosen_WithoutCrossValidation_IsTheCheapestPointWhoseConservativeScoreClearsTheMargin(double standardErrors, double marginBelowPoints)
    {
        var pair = Fixture.MmluPair();
        var train = ScoredSplit.Create(pair.Train, ReplayPricing.Fit(pair));
        var search = new PolicySearch(train, new SearchOptions { CrossValidate = false, FrontStandardErrors = standardErrors, TrainAccuracyMarginPoints = marginBelowPoints });
        double target = PolicyRunner.Single(train, search.BestSingleModel()).Correct - (marginBelowPoints / 100 * train.Count) - 1e-9;

        var learned = search.Run(GateFamily.Learned);

        learned.Chosen.ConservativeCorrect.ShouldBeGreaterThanOrEqualTo(target);
        learned.Front.Where(p => p.Train.TotalCostUnits < learned.Chosen.Train.TotalCostUnits).ShouldAllBe(p => p.ConservativeCorrect < target);
        learned.MarginPoints.ShouldBe(-marginBelowPoints);
        learned.FrontStandardErrors.ShouldBe(standardErrors);
        double.IsNaN(learned.HeldOutCostRatio).ShouldBeTrue();
    }

    [Fact]
    public void CrossValidation_PicksACandidateStandardErrorAndMargin_AndTheChosenPointFollowsThem()
    {
        var pair = Fixture.MmluPair();
        var train = ScoredSplit.Create(pair.Train, ReplayPricing.Fit(pair));
        var options = new SearchOptions { FrontStandardErrorsCandidates = [0, 2] };
        var search = new PolicySearch(train, options);
        int referenceCorrect = PolicyRunner.Single(train, search.BestSingleModel()).Correct;

        foreach (var family in search.Run())
        {
            options.FrontStandardErrorsCandidates.ShouldContain(family.FrontStandardErrors);
            PolicySearch.CandidateMargins.ShouldContain(family.MarginPoints);
            family.HeldOutCostRatio.ShouldBeGreaterThan(0);
            double.IsNaN(family.HeldOutAccuracyDeltaPoints).ShouldBeFalse();

            // The same choice rule as without cross-validation, at the margin the cross-validation picked.
            double target = referenceCorrect + (family.MarginPoints / 100 * train.Count) - 1e-9;
            var reaching = family.Front.Where(p => p.ConservativeCorrect >= target).ToArray();
            family.Chosen.ShouldBe(reaching.Length > 0 ? reaching[0] : family.Front.MaxBy(p => p.ConservativeCorrect));
        }
    }

    [Fact]
    public void CrossValidation_ToleranceZero_NeverPicksASelectionLessAccurateOnHeldOutFoldsThanTheReference()
    {
        var pair = Fixture.MmluPair();
        var train = ScoredSplit.Create(pair.Train, ReplayPricing.Fit(pair));

        var strict = new PolicySearch(train, new SearchOptions { CrossValidatedTolerancePoints = 0 }).Run(GateFamily.Logprob);
        var loose = new PolicySearch(train, new SearchOptions { CrossValidatedTolerancePoints = 100 }).Run(GateFamily.Logprob);

        strict.HeldOutAccuracyDeltaPoints.ShouldBeGreaterThanOrEqualTo(-1e-9);
        loose.HeldOutCostRatio.ShouldBeLessThanOrEqualTo(strict.HeldOutCostRatio);
    }

    [Fact]
    public void Grid_IncludesTheExtremeQuantilesAndNeverAccept()
    {
        double[] scores = Enumerable.Range(0, 1000).Select(i => i / 1000.0).ToArray();

        double[] grid = PolicySearch.Grid(scores, new SearchOptions { GridSize = 4 });

        grid.ShouldBe([0.25, 0.5, 0.75, 0.98, 0.99, 0.995, double.PositiveInfinity]);
    }

    [Fact]
    public void Auxiliary_OnAnotherLadderOrder_IsRejected()
    {
        var pair = Fixture.MmluPair();
        var pricing = ReplayPricing.Fit(pair);
        var reordered = pair.Train.WithModels(["big", "mid", "small"]);
        var auxiliary = ScoredSplit.Create(reordered, reordered.Models.Select(ReplayPricing.CostUnits).ToArray());

        Should.Throw<ArgumentException>(() => new PolicySearch(ScoredSplit.Create(pair.Train, pricing), null, [auxiliary])).Message.ShouldContain("auxiliary data must be on the train ladder");
    }

    [Fact]
    public void Auxiliary_RowsAreOfferedToTheLearnedGate_AndTheFrontStaysTrainOnly()
    {
        var pair = Fixture.MmluPair();
        var pricing = ReplayPricing.Fit(pair);
        var train = ScoredSplit.Create(pair.Train, pricing);
        var auxiliary = ScoredSplit.Create(pair.Test, pair.Models.Select(ReplayPricing.CostUnits).ToArray());

        var learned = new PolicySearch(train, null, [auxiliary]).Run(GateFamily.Learned);

        // Train figures are computed on the train split alone, whatever rows the scorers were fitted on.
        learned.Front.ShouldAllBe(p => p.Train.Questions == train.Count);
        learned.Front.SelectMany(p => p.Policy.Scorers).OfType<LearnedScorer>().ShouldNotBeEmpty();
    }

    private static string Key(PolicyOutcome o) => $"{o.Questions}/{o.Correct}/{o.TotalCostUnits}/{o.Escalated}/{string.Join(",", o.ResolvedPerRung)}/{o.LatencyTicks.Sum()}";
}
