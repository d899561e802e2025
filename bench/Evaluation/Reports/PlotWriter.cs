using ScottPlot;

namespace Cascade.Evaluation.Reports;

/// <summary>Draws a dataset's accuracy against cost per question on test: single models, the oracle and each family's train front.</summary>
public static class PlotWriter
{
    /// <summary>Writes the plot as a PNG.</summary>
    public static void Write(DatasetResult result, string path, int width = 900, int height = 600)
    {
        var plot = new Plot();
        plot.Title($"{result.Name}: test accuracy against cost (fronts chosen on train)");
        plot.XLabel("cost per question, relative to " + result.Models[result.ReferenceModel]);
        plot.YLabel("test accuracy (%)");

        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        foreach (var family in result.Families)
        {
            var points = family.Front.Select(p => (X: result.Ratio(p.Test), Y: p.Test.Accuracy * 100)).OrderBy(p => p.X).ToArray();
            var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), palette.GetColor(colour++));
            scatter.LegendText = family.Family.ToString();
            scatter.MarkerSize = 5;
            scatter.LineWidth = 1;
        }

        // The test Pareto front over every policy drawn: the best any of them did on test (read on test, not chosen on train).
        var all = result.Families.SelectMany(f => f.Front).Select(p => (X: result.Ratio(p.Test), Y: p.Test.Accuracy * 100))
            .Concat(result.Singles.Select(o => (X: result.Ratio(o), Y: o.Accuracy * 100)))
            .OrderBy(p => p.X).ThenByDescending(p => p.Y)
            .ToArray();
        var pareto = new List<(double X, double Y)>();
        foreach (var point in all)
        {
            if (pareto.Count == 0 || point.Y > pareto[^1].Y)
            {
                pareto.Add(point);
            }
        }

        var front = plot.Add.ScatterLine(pareto.Select(p => p.X).ToArray(), pareto.Select(p => p.Y).ToArray(), Colors.Black.WithAlpha(0.5));
        front.LegendText = "test Pareto front of all drawn policies";
        front.LineWidth = 3;
        front.ConnectStyle = ConnectStyle.StepHorizontal;

        var singles = plot.Add.ScatterPoints(result.Singles.Select(result.Ratio).ToArray(), result.Singles.Select(s => s.Accuracy * 100).ToArray(), Colors.Black);
        singles.LegendText = "single models";
        singles.MarkerShape = MarkerShape.FilledSquare;
        singles.MarkerSize = 8;
        for (int m = 0; m < result.Models.Count; m++)
        {
            var label = plot.Add.Text(result.Models[m], result.Ratio(result.Singles[m]), result.Singles[m].Accuracy * 100);
            label.LabelFontSize = 9;
        }

        var oracle = plot.Add.ScatterPoints(new[] { result.Ratio(result.Oracle) }, new[] { result.Oracle.Accuracy * 100 }, Colors.Red);
        oracle.LegendText = "oracle";
        oracle.MarkerShape = MarkerShape.FilledDiamond;
        oracle.MarkerSize = 10;

        var target = plot.Add.HorizontalLine((result.Reference.Accuracy * 100) - DatasetEvaluator.HeadlineTolerancePoints, 1, Colors.Gray, LinePattern.Dashed);
        target.LegendText = "reference − 1 point";

        plot.Axes.SetLimitsX(0, Math.Max(1.05, result.Singles.Max(result.Ratio) * 1.02));
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, width, height);
    }
}
