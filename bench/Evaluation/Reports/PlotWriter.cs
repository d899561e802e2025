using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Cascade.Evaluation.Reports;

/// <summary>
/// Draws a dataset's test accuracy against cost relative to the reference, one panel per gate family: the family's
/// train front, the single models, the oracle, the reference's accuracy and the tolerance band below it, and the
/// reported operating points marked (guaranteed, cross-validated, best reachable read on test). The cost axis is
/// logarithmic; legends sit beside the data.
/// </summary>
public static class PlotWriter
{
    private const int Columns = 2;

    /// <summary>Writes the plot as a PNG of <paramref name="width"/> by <paramref name="height"/> pixels (the panels share it).</summary>
    public static void Write(DatasetResult result, string path, int width = 1700, int height = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        int panels = result.Families.Count;
        int rows = (panels + Columns - 1) / Columns;
        height = height > 0 ? height : 470 * rows;
        var multiplot = new Multiplot();
        multiplot.AddPlots(panels);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, Columns);
        double minX = Math.Log10(Math.Max(1e-4, AllRatios(result).Where(r => r > 0).DefaultIfEmpty(1).Min()));
        double maxX = Math.Log10(Math.Max(1.05, AllRatios(result).Max() * 1.05));
        double minY = AllAccuracies(result).Min() - 2, maxY = Math.Min(100, AllAccuracies(result).Max() + 2);
        for (int i = 0; i < panels; i++)
        {
            var plot = multiplot.GetPlot(i);
            Panel(plot, result, result.Families[i]);
            plot.Axes.SetLimits(minX - 0.05, maxX + 0.15, minY, maxY);
        }

        multiplot.SavePng(path, width, height);
    }

    private static void Panel(Plot plot, DatasetResult result, FamilyResult family)
    {
        string reference = result.Models[result.ReferenceModel];
        plot.Title($"{result.Name}: {family.Family}{(family == result.Guarantee ? " (guarantee headline)" : family == result.Headline ? " (cross-validated headline)" : string.Empty)}", size: 14);
        plot.XLabel($"test cost relative to {reference} (log scale)", size: 12);
        plot.YLabel("test accuracy (%)", size: 12);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic
        {
            LabelFormatter = x => Math.Pow(10, x).ToString("0.###", CultureInfo.InvariantCulture),
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
        };

        var front = family.Front.Select(p => (X: X(result, p.Test), Y: p.Test.Accuracy * 100)).OrderBy(p => p.X).ToArray();
        var scatter = plot.Add.Scatter(front.Select(p => p.X).ToArray(), front.Select(p => p.Y).ToArray(), Colors.SteelBlue);
        scatter.LegendText = $"{family.Family} train front, on test";
        scatter.MarkerSize = 4;
        scatter.LineWidth = 1;

        var band = plot.Add.HorizontalLine((result.Reference.Accuracy * 100) - result.GuaranteeTolerancePoints, 1, Colors.Gray, LinePattern.Dashed);
        band.LegendText = FormattableString.Invariant($"{result.GuaranteeTolerancePoints:0.##} point below the reference");
        var line = plot.Add.HorizontalLine(result.Reference.Accuracy * 100, 1, Colors.Black.WithAlpha(0.6), LinePattern.Dotted);
        line.LegendText = FormattableString.Invariant($"reference: {reference} ({result.Reference.Accuracy * 100:0.0} %)");

        var singles = plot.Add.ScatterPoints(result.Singles.Select(s => X(result, s)).ToArray(), result.Singles.Select(s => s.Accuracy * 100).ToArray(), Colors.Black);
        singles.LegendText = "single models";
        singles.MarkerShape = MarkerShape.FilledSquare;
        singles.MarkerSize = 7;
        for (int m = 0; m < result.Models.Count; m++)
        {
            var label = plot.Add.Text(result.Models[m], X(result, result.Singles[m]), result.Singles[m].Accuracy * 100);
            label.LabelFontSize = 10;
            label.LabelAlignment = Alignment.UpperLeft;
        }

        Mark(plot, result, result.Oracle, "oracle (cheapest right model)", MarkerShape.FilledDiamond, Colors.Red, 9);
        if (family.Guaranteed is { } guaranteed)
        {
            Mark(plot, result, guaranteed.Test, FormattableString.Invariant($"guaranteed ({result.GuaranteeConfidence:0.##%} confidence), chosen on train"), MarkerShape.FilledCircle, Colors.DarkGreen, 13);
        }

        Mark(plot, result, family.Chosen.Test, "cross-validated choice, chosen on train", MarkerShape.FilledTriangleUp, Colors.DarkOrange, 11);
        if (family.HeadlinePoint is { } reachable)
        {
            Mark(plot, result, reachable.Test, "best reachable (read on test)", MarkerShape.OpenCircle, Colors.Purple, 15);
        }

        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 11;
    }

    private static void Mark(Plot plot, DatasetResult result, Policies.PolicyOutcome outcome, string label, MarkerShape shape, Color colour, float size)
    {
        var marker = plot.Add.ScatterPoints(new[] { X(result, outcome) }, new[] { outcome.Accuracy * 100 }, colour);
        marker.LegendText = label;
        marker.MarkerShape = shape;
        marker.MarkerSize = size;
        marker.MarkerLineWidth = 2;
    }

    private static double X(DatasetResult result, Policies.PolicyOutcome outcome) => Math.Log10(Math.Max(1e-4, result.Ratio(outcome)));

    private static IEnumerable<double> AllRatios(DatasetResult result) =>
        result.Families.SelectMany(f => f.Front.Select(p => p.Test)).Concat(result.Singles).Append(result.Oracle).Select(result.Ratio);

    private static IEnumerable<double> AllAccuracies(DatasetResult result) =>
        result.Families.SelectMany(f => f.Front.Select(p => p.Test)).Concat(result.Singles).Append(result.Oracle).Select(o => o.Accuracy * 100);
}
