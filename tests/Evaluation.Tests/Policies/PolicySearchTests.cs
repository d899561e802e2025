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
                front[i].Train.Correct.ShouldBeGreaterThan(front[i - 1].Train.Correct);
            }
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
        foreach (var (a, b) in one.Families.Zip(other.Families))
        {
            a.Front.Select(p => p.Description).ShouldBe(b.Front.Select(p => p.Description));
            a.Front.Select(p => Key(p.Train)).ShouldBe(b.Front.Select(p => Key(p.Train)));
            a.Chosen.Description.ShouldBe(b.Chosen.Description);
        }

        // The test figures did change: the test split is read for reporting only.
        Key(one.Headline.Chosen.Test).ShouldNotBe(Key(other.Headline.Chosen.Test));
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

    [Fact]
    public void Chosen_IsTheCheapestPointAsAccurateOnTrainAsTheBestModel()
    {
        var pair = Fixture.MmluPair();
        var train = ScoredSplit.Create(pair.Train, ReplayPricing.Fit(pair));
        var search = new PolicySearch(train);
        double best = PolicyRunner.Single(train, search.BestSingleModel()).Accuracy;

        var learned = search.Run(GateFamily.Learned);

        learned.Chosen.Train.Accuracy.ShouldBeGreaterThanOrEqualTo(best);
        learned.Front.Where(p => p.Train.TotalCostUnits < learned.Chosen.Train.TotalCostUnits).ShouldAllBe(p => p.Train.Accuracy < best);
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
