using Cascade.Evaluation.Reports;

namespace Cascade.Evaluation.Tests.Reports;

public sealed class MarkdownReportTests
{
    private static readonly DatasetResult Result = DatasetEvaluator.Evaluate(Fixture.MmluPair());

    [Fact]
    public void Markdown_HasTheHeadlineRowAndEveryReference()
    {
        string text = MarkdownReport.Render([Result], new Dictionary<string, IReadOnlyList<ReplayCheck>>(), HeadlineSummary.Of([Result], [ResplitTrial.Of(Result, 0)]));

        text.ShouldContain("| mmlu_tiny | big |");
        text.ShouldContain("| **mean** |");
        text.ShouldContain("### Best reachable (read on test)");
        text.ShouldContain("| **all** | **");
        text.ShouldContain("guaranteed: ");
        text.ShouldContain("oracle (cheapest right model)");
        foreach (var model in Result.Models)
        {
            text.ShouldContain($"| {model} |", Case.Sensitive, customMessage: model);
        }
    }
}
