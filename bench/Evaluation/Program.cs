using System.Globalization;
using Cascade.Evaluation;
using Cascade.Evaluation.Data;
using Cascade.Evaluation.Reports;
using Spectre.Console;

if (args is ["export-router", ..])
{
    try
    {
        return Cascade.Evaluation.Learning.RoutingModelExportCommand.Run(args[1..], Console.Out);
    }
    catch (Exception ex) when (ex is ArgumentException or RecordingFormatException or IOException)
    {
        await Console.Error.WriteLineAsync(ex.Message + Environment.NewLine + Cascade.Evaluation.Learning.RoutingModelExportCommand.Usage);
        return 2;
    }
}

EvaluationCommand command;
try
{
    command = EvaluationCommand.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message + Environment.NewLine + EvaluationCommand.Usage);
    return 2;
}

if (command.ShowHelp)
{
    Console.WriteLine(EvaluationCommand.Usage);
    return 0;
}

IReadOnlyList<DatasetPair> pairs;
IReadOnlyList<RecordedDataset> all;
try
{
    all = RecordingLoader.FindFiles(command.Data).Select(RecordingLoader.Load).ToArray();
    pairs = RecordingLoader.Pair(all, out var unpaired);
    foreach (var dataset in all)
    {
        AnsiConsole.MarkupLineInterpolated($"loaded [bold]{dataset.Name}[/] {dataset.Split}: {dataset.Questions.Count} questions, {dataset.Skipped.Count} skipped{(dataset.Skipped.Count > 0 ? " (" + dataset.Skipped[0].Reason + ", ...)" : string.Empty)}");
    }

    foreach (var dataset in unpaired)
    {
        AnsiConsole.MarkupLineInterpolated($"[grey]{dataset.Name} has no train/test pair: validated, not evaluated[/]");
    }

    if (pairs.Count == 0)
    {
        await Console.Error.WriteLineAsync($"No <name>_train / <name>_test pair of recordings in '{command.Data}': nothing to evaluate.");
        return 1;
    }
}
catch (Exception ex) when (ex is RecordingFormatException or IOException or ArgumentException)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

var results = new List<DatasetResult>();
var replays = new Dictionary<string, IReadOnlyList<ReplayCheck>>();
var trials = new List<ResplitTrial>();
await AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
    .StartAsync(async context =>
    {
        var tasks = pairs.Select(p => (Pair: p, Task: context.AddTask(p.Name, autoStart: false, maxValue: 1))).ToArray();
        foreach (var (pair, task) in tasks)
        {
            task.StartTask();
            double steps = 1 + command.Resplits;
            var result = DatasetEvaluator.Evaluate(pair, command.Search, share => task.Value = share * 0.9 / steps);
            results.Add(result);
            if (command.Replay)
            {
                replays[result.Name] = await ReplayVerifier.VerifyAsync(result, pair);
            }

            if (result.Guaranteed is not null)
            {
                trials.Add(ResplitTrial.Of(result, 0));
                for (int split = 1; split <= command.Resplits; split++)
                {
                    int done = split;
                    var resplit = DatasetEvaluator.Evaluate(pair.Resplit(ResplitSeed(split)), command.Search, share => task.Value = (done + (share * 0.9)) / steps);
                    trials.Add(ResplitTrial.Of(resplit, split));
                }
            }

            task.Value = 1;
            task.StopTask();
        }
    });

Directory.CreateDirectory(command.Output);
foreach (var result in results)
{
    PlotWriter.Write(result, Path.Combine(command.Output, result.Name + ".png"));
}

var headline = HeadlineSummary.Of(results, trials);
string markdown = MarkdownReport.Render(results, replays, headline);
await File.WriteAllTextAsync(Path.Combine(command.Output, "results.md"), markdown);
await File.WriteAllTextAsync(Path.Combine(command.Output, "summary.json"), JsonSummary.Render(results, replays, headline));

var table = new Table().AddColumns("dataset", "reference", "ref. acc", "guaranteed ratio [[95% CI]]", "guaranteed acc [[95% CI]]", "held", "cv-chosen ratio", "cv-chosen acc", "best reachable (test)", "replay = search");
foreach (var (r, row) in results.Zip(headline.Rows))
{
    table.AddRow(
        Markup.Escape(r.Name),
        Markup.Escape(r.Models[r.ReferenceModel]),
        Pct(r.Reference.Accuracy),
        row.CostRatio is { } ratio ? $"{Num(ratio.Estimate)} [[{Num(ratio.Low)}, {Num(ratio.High)}]]" : "-",
        row.Accuracy is { } acc ? $"{Pct(acc.Estimate)} [[{Pct(acc.Low)}, {Pct(acc.High)}]]" : "-",
        r.GuaranteeHeld is { } held ? (held ? "yes" : "[red]no[/]") : "-",
        Num(r.Ratio(r.Headline.Chosen.Test)),
        Pct(r.Headline.Chosen.Test.Accuracy),
        r.Headline.HeadlinePoint is { } h ? Num(r.Ratio(h.Test)) : "none",
        replays.TryGetValue(r.Name, out var checks) ? (checks.All(c => c.Matches) ? "yes" : "[red]NO[/]") : "-");
}

AnsiConsole.Write(table);
if (headline.MeanGuaranteedCostRatio is { } mean)
{
    AnsiConsole.MarkupLineInterpolated($"mean guaranteed cost ratio: [bold]{Num(mean.Estimate)}[/] [[{Num(mean.Low)}, {Num(mean.High)}]]; cross-validated choice (no guarantee): {Num(headline.MeanCrossValidatedCostRatio.Estimate)} [[{Num(headline.MeanCrossValidatedCostRatio.Low)}, {Num(headline.MeanCrossValidatedCostRatio.High)}]]; best reachable (read on test): {Num(headline.MeanBestReachableCostRatio)}");
    AnsiConsole.MarkupLineInterpolated($"guarantee held on {headline.HitRate.Hits} of {headline.HitRate.Trials} dataset splits ({Pct(headline.HitRate.Share)}, 95% CI {Pct(headline.HitRate.Low)}–{Pct(headline.HitRate.High)}, binomial p = {headline.HitRate.PValue:0.000} against {Pct(command.Search.GuaranteeConfidence)}); the cross-validated choice held on {headline.CrossValidatedHitRate.Hits} of {headline.CrossValidatedHitRate.Trials}");
}

AnsiConsole.MarkupLineInterpolated($"wrote {Path.Combine(command.Output, "results.md")}, summary.json and {results.Count} plots");
return replays.Values.All(list => list.All(c => c.Matches)) ? 0 : 3;

static int ResplitSeed(int split) => 1000 + split;

static string Pct(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

static string Num(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
