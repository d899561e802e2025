using Cascade.Evaluation.Scoring;

namespace Cascade.Evaluation.Tests.Scoring;

public sealed class PromptFeaturesTests
{
    [Fact]
    public void Of_MeasuresThePrompt()
    {
        var features = PromptFeatures.Of("What is 12 + 30?\n```python\ndef f(): return 1\n```");
        double Feature(string name) => features[PromptFeatures.Names.ToList().IndexOf(name)];

        features.Length.ShouldBe(PromptFeatures.Names.Count);
        Feature("code").ShouldBe(1);
        Feature("questions").ShouldBe(1);
        Feature("lines").ShouldBe(3);
        Feature("digit_share").ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Of_EmptyPrompt_IsAllZero() => PromptFeatures.Of(string.Empty).ShouldAllBe(v => v == 0);
}
