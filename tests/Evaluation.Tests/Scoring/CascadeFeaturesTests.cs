using Cascade.Evaluation.Data;
using Cascade.Evaluation.Scoring;

namespace Cascade.Evaluation.Tests.Scoring;

public sealed class CascadeFeaturesTests
{
    [Fact]
    public void Of_ReadsAgreementWithTheEarlierRungs()
    {
        var current = AnswerSignals.From(TaskKind.MultipleChoice, "B", Math.Log(0.8));
        var agreeing = AnswerSignals.From(TaskKind.MultipleChoice, "B", Math.Log(0.5));
        var other = AnswerSignals.From(TaskKind.MultipleChoice, "C", Math.Log(0.9));

        var features = CascadeFeatures.Of(current, [other, agreeing]);
        double Feature(string name) => features[CascadeFeatures.Names.ToList().IndexOf(name)];

        features.Length.ShouldBe(CascadeFeatures.Names.Count);
        Feature("confidence").ShouldBe(0.8, 1e-12);
        Feature("agree_previous").ShouldBe(1);
        Feature("agree_mean").ShouldBe(0.5);
        Feature("agree_previous_x_confidence").ShouldBe(0.5, 1e-12);
        Feature("confidence_x_agree_previous").ShouldBe(0.8, 1e-12);
    }

    [Fact]
    public void Of_OnTheFirstRung_HasNoAgreement()
    {
        var features = CascadeFeatures.Of(AnswerSignals.From(TaskKind.MultipleChoice, "B", null), []);

        features[CascadeFeatures.Names.ToList().IndexOf("agree_previous")].ShouldBe(0);
        features[CascadeFeatures.Names.ToList().IndexOf("log_surprise")].ShouldBe(0);
    }

    [Fact]
    public void Sets_NameOnlyKnownFeatures()
    {
        CascadeFeatures.Sets.ShouldAllBe(set => set.Indices.Length == set.Features.Count);
        Should.Throw<ArgumentException>(() => new FeatureSet("bad", ["no_such_feature"]));
    }
}
