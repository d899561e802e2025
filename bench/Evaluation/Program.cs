using System.Globalization;
using Cascade.Evaluation;
using Cascade.Evaluation.Data;
using Cascade.Evaluation.Reports;
using Spectre.Console;

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
await AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
    .StartAsync(async context =>
    {
        var tasks = pairs.Select(p => (Pair: p, Task: context.AddTask(p.Name, autoStart: false, maxValue: 1))).ToArray();
        foreach (var (pair, task) in tasks)
        {
            task.StartTask();
            var result = DatasetEvaluator.Evaluate(pair, command.Search, share => task.Value = share * 0.9);
            results.Add(result);
            if (command.Replay)
            {
                replays[result.Name] = await ReplayVerifier.VerifyAsync(result, pair);
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

string markdown = MarkdownReport.Render(results, replays);
await File.WriteAllTextAsync(Path.Combine(command.Output, "results.md"), markdown);
await File.WriteAllTextAsync(Path.Combine(command.Output, "summary.json"), JsonSummary.Render(results, replays));

var table = new Table().AddColumns("dataset", "reference", "ref. acc", "family", "curve ratio", "curve acc", "train-chosen ratio", "train-chosen acc", "oracle ratio", "replay = search");
foreach (var r in results)
{
    var learned = r.Headline;
    table.AddRow(
        r.Name,
        r.Models[r.ReferenceModel],
        Pct(r.Reference.Accuracy),
        learned.Family.ToString(),
        learned.HeadlinePoint is { } h ? Num(r.Ratio(h.Test)) : "none",
        learned.HeadlinePoint is { } h2 ? Pct(h2.Test.Accuracy) : "-",
        Num(r.Ratio(learned.Chosen.Test)),
        Pct(learned.Chosen.Test.Accuracy),
        Num(r.Ratio(r.Oracle)),
        replays.TryGetValue(r.Name, out var checks) ? (checks.All(c => c.Matches) ? "yes" : "[red]NO[/]") : "-");
}

AnsiConsole.Write(table);
if (results.Count > 0)
{
    AnsiConsole.MarkupLineInterpolated($"mean headline cost ratio (curve): [bold]{Num(results.Average(r => r.Headline.HeadlinePoint is { } h ? r.Ratio(h.Test) : 1.0))}[/]; train-chosen: {Num(results.Average(r => r.Ratio(r.Headline.Chosen.Test)))}");
}

AnsiConsole.MarkupLineInterpolated($"wrote {Path.Combine(command.Output, "results.md")}, summary.json and {results.Count} plots");
return replays.Values.All(list => list.All(c => c.Matches)) ? 0 : 3;

static string Pct(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

static string Num(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
