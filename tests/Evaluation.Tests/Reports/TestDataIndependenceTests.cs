using System.Globalization;
using System.Text;
using Cascade.Evaluation.Data;
using Cascade.Evaluation.Learning;
using Cascade.Evaluation.Policies;
using Cascade.Evaluation.Reports;

namespace Cascade.Evaluation.Tests.Reports;

/// <summary>
/// Test data never steers a choice: the test split is permuted and every answer, grade, confidence and cost in it is
/// corrupted, and every choice made on train (reference, fronts, thresholds, learned weights, selected and guaranteed
/// points, headline families) comes out byte-identical.
/// </summary>
public sealed class TestDataIndependenceTests
{
    [Fact]
    public void CorruptedTestSplit_LeavesEveryTrainChoiceByteIdentical_Fixture()
    {
        var pair = Fixture.MmluPair();

        AssertIndependent(pair, new SearchOptions());
    }

    /// <summary>Every recorded pair beside the repository (../shared), with a smaller search so the suite stays quick.</summary>
    [Fact]
    public void CorruptedTestSplit_LeavesEveryTrainChoiceByteIdentical_RecordedData()
    {
        string? folder = SharedData.Folder;
        Assert.SkipWhen(folder is null, "no ../shared/data/recorded-llm-responses beside the repository");
        var pairs = RecordingLoader.Pair(RecordingLoader.FindFiles(folder!).Select(RecordingLoader.Load), out _);
        pairs.Count.ShouldBeGreaterThan(0);

        foreach (var pair in pairs)
        {
            var small = pair.WithModels(pair.Models.Take(3).ToArray());
            AssertIndependent(small, new SearchOptions { Families = [GateFamily.Agreement, GateFamily.TextChecks, GateFamily.Combined], MaxRungs = 3, GridSize = 6 });
        }
    }

    private static void AssertIndependent(DatasetPair pair, SearchOptions options)
    {
        var corrupted = Corrupt(pair, seed: 5);

        var original = DatasetEvaluator.Evaluate(pair, options);
        var tampered = DatasetEvaluator.Evaluate(corrupted, options);

        // The corruption reached the test figures, so the comparison below is not vacuous.
        tampered.Reference.Correct.ShouldNotBe(original.Reference.Correct, pair.Name);
        original.Guaranteed.ShouldNotBeNull();
        Fingerprint(tampered).ShouldBe(Fingerprint(original), pair.Name);
    }

    /// <summary>Shuffles the test questions and corrupts every answer: text, grade, log-probability and cost (same count of questions).</summary>
    private static DatasetPair Corrupt(DatasetPair pair, int seed)
    {
        var random = new Random(seed);
        var questions = pair.Test.Questions.ToArray();
        random.Shuffle(questions);
        var corrupted = questions.Select(q => q with
        {
            Prompt = "corrupted " + random.Next(),
            Answers = q.Answers.Select(a => a with
            {
                Text = random.Next(3) == 0 ? "Z" : "nonsense " + random.Next(),
                Correct = !a.Correct,
                Cost = RecordedCost.Round((a.Cost * 7) + 0.000000001m),
                LogprobConfidence = a.LogprobConfidence is null ? null : -random.NextDouble() * 3,
            }).ToArray(),
        }).ToArray();
        return DatasetPair.Create(pair.Train, pair.Test.WithQuestions(corrupted)).WithAuxiliary(pair.Auxiliary);
    }

    private static string Fingerprint(DatasetResult result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"reference {result.ReferenceModel}; headline {result.HeadlineFamily}; guarantee {result.GuaranteeFamily}\n");
        foreach (var family in result.Families)
        {
            var c = family.Calibration!;
            text.Append(CultureInfo.InvariantCulture, $"{family.Family}: tried {family.PoliciesTried}, z {c.FrontStandardErrors:R}, margin {c.MarginPoints:R}, held-out {c.HeldOutAccuracyDeltaPoints:R} {c.HeldOutCostRatio:R}; guarantee {c.GuaranteeIsReference} {c.GuaranteeFrontStandardErrors:R} {c.GuaranteeMarginPoints:R} {c.GuaranteeBoundPoints:R} {c.GuaranteeHeldOutCostRatio:R} {c.GuaranteeRulesTested}\n");
            foreach (var point in family.Front)
            {
                text.Append("  front ").Append(Policy(point.Policy)).Append(CultureInfo.InvariantCulture, $" train {point.Train.Correct} {point.Train.TotalCostUnits}\n");
            }

            text.Append("  chosen ").Append(Policy(family.Chosen.Policy)).Append('\n');
            text.Append("  guaranteed ").Append(Policy(family.Guaranteed!.Policy)).Append('\n');
        }

        return text.ToString();
    }

    private static string Policy(CascadePolicy policy)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{policy.Family} [{string.Join(",", policy.Tiers)}] thresholds [{string.Join(",", policy.Thresholds.Select(t => t.ToString("R", CultureInfo.InvariantCulture)))}]");
        foreach (var scorer in policy.Scorers)
        {
            text.Append(' ').Append(Scorer(scorer));
        }

        if (policy.Router is { } router)
        {
            text.Append(CultureInfo.InvariantCulture, $" router {router.Threshold:R} {Model(router.Model)} skipped ({Policy(router.Skipped)})");
        }

        return text.ToString();
    }

    private static string Scorer(IAnswerScorer scorer) => scorer is LearnedScorer learned
        ? FormattableString.Invariant($"learned {learned.Features.Name} {learned.L2:R} {learned.Pooled} {Model(learned.Model)}")
        : scorer.GetType().Name;

    private static string Model(LogisticModel model) =>
        FormattableString.Invariant($"{model.Bias:R}:{string.Join(",", model.Weights.Select(w => w.ToString("R", CultureInfo.InvariantCulture)))}");
}
