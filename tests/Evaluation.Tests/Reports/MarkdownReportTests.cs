using Cascade.Evaluation.Reports;

namespace Cascade.Evaluation.Tests.Reports;

public sealed class MarkdownReportTests
{
    private static readonly DatasetResult Result = DatasetEvaluator.Evaluate(Fixture.MmluPair());

    [Fact]
    public void Markdown_HasTheHeadlineRowAndEveryReference()
    {
        string text = MarkdownReport.Render([Result], new Dictionary<string, IReadOnlyList<ReplayCheck>>());

        text.ShouldContain("| mmlu_tiny | big |");
        text.ShouldContain("| **mean** |");
        text.ShouldContain("oracle (cheapest right model)");
        foreach (var model in Result.Models)
        {
            text.ShouldContain($"| {model} |", Case.Sensitive, customMessage: model);
        }
    }
}
