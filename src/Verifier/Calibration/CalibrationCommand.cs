using System.CommandLine;
using System.Globalization;

namespace Cascade.Verifier.Calibration;

/// <summary>
/// <c>Cascade.Verifier calibrate --data DIR --out calibration.json --max-false-accept 0.05 [--evaluate] [--report FILE]</c>:
/// learns thresholds from the <c>*_train</c> files, writes the calibration file, and optionally measures it on the
/// <c>*_test</c> files.
/// </summary>
public static class CalibrationCommand
{
    /// <summary>Runs the command.</summary>
    /// <returns>0 on success, 1 when the data cannot be read, 2 on bad arguments.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "The labelled data: a directory of *_train (and *_test) files, JSON Lines or RouterBench CSV.", Required = true };
        var outFile = new Option<FileInfo>("--out") { Description = "The calibration file to write.", DefaultValueFactory = _ => new FileInfo("calibration.json") };
        var maxFalseAccept = new Option<double>("--max-false-accept")
        {
            Description = "The largest share of accepted answers allowed to be wrong, above 0 and below 1.",
            DefaultValueFactory = _ => 0.05,
            CustomParser = result =>
            {
                string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value is <= 0 or >= 1 || double.IsNaN(value))
                {
                    result.AddError($"--max-false-accept must be above 0 and below 1 (got '{token}').");
                }

                return value;
            },
        };
        var confidence = new Option<double>("--confidence")
        {
            Description = "How sure to be that the target holds on new data: the one-sided Wilson lower bound of precision at this confidence must meet it; 0 compares the observed precision.",
            DefaultValueFactory = _ => 0.9,
            CustomParser = result =>
            {
                string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value is < 0 or >= 1 || double.IsNaN(value))
                {
                    result.AddError($"--confidence must be 0, or above 0 and below 1 (got '{token}').");
                }

                return value;
            },
        };
        var evaluate = new Option<bool>("--evaluate") { Description = "Also measure precision and recall of accept on the *_test files." };
        var report = new Option<FileInfo?>("--report") { Description = "Write the measurement as Markdown to this file (implies --evaluate)." };
        var models = new Option<string?>("--routerbench-models") { Description = "Comma-separated RouterBench models, cheapest first.", DefaultValueFactory = _ => string.Join(",", RecordedDataReader.DefaultRouterBenchModels) };
        var command = new RootCommand("Learns the verifier's per-workload thresholds from labelled answers.") { data, outFile, maxFalseAccept, confidence, evaluate, report, models };
        command.SetAction(async (parsed, token) =>
        {
            DirectoryInfo directory = parsed.GetValue(data)!;
            FileInfo target = parsed.GetValue(outFile)!;
            double rate = parsed.GetValue(maxFalseAccept);
            FileInfo? reportFile = parsed.GetValue(report);
            string[] ladder = (parsed.GetValue(models) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            try
            {
                IReadOnlyList<LabelledDataset> train = RecordedDataReader.ReadSplit(directory.FullName, "train", ladder);
                if (train.Count == 0)
                {
                    await error.WriteLineAsync($"No *_train files under '{directory.FullName}'.");
                    return 1;
                }

                foreach (LabelledDataset dataset in train)
                {
                    await output.WriteLineAsync($"train {dataset.Name}: {dataset.Questions.Count} questions{(dataset.Skipped > 0 ? $", {dataset.Skipped} rows skipped (blank score)" : "")}");
                }

                GateCalibration calibration = await Calibrator.CalibrateAsync(train, rate, directory.FullName, TimeProvider.System, parsed.GetValue(confidence), token);
                calibration.Save(target.FullName);
                await output.WriteLineAsync($"wrote {target.FullName}: {calibration.Workloads.Count} workloads");
                foreach ((string workload, WorkloadCalibration value) in calibration.Workloads)
                {
                    foreach ((string model, ModelCalibration m) in value.Models)
                    {
                        string threshold = m.LogprobThreshold is { } t ? t.ToString("0.####", CultureInfo.InvariantCulture) : "–";
                        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"  {workload}/{model}: logprob ≥ {threshold}, abstain → {m.Abstention}, train precision {m.Precision:0.000} recall {m.Recall:0.000} (accuracy {m.Accuracy:0.000}, n={m.Samples})"));
                    }
                }

                if (parsed.GetValue(evaluate) || reportFile is not null)
                {
                    IReadOnlyList<LabelledDataset> test = RecordedDataReader.ReadSplit(directory.FullName, "test", ladder);
                    IReadOnlyList<EvaluationRow> rows = await CalibrationEvaluation.EvaluateAsync(test, target.FullName, token);
                    string markdown = CalibrationEvaluation.ToMarkdown(rows, rate, parsed.GetValue(confidence));
                    await output.WriteLineAsync();
                    await output.WriteLineAsync(markdown);
                    if (reportFile is not null)
                    {
                        await File.WriteAllTextAsync(reportFile.FullName, markdown, token);
                    }
                }

                return 0;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync(ex.Message);
                return 1;
            }
        });

        ParseResult result = command.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError parseError in result.Errors)
            {
                await error.WriteLineAsync(parseError.Message);
            }

            await error.WriteLineAsync("Usage: Cascade.Verifier calibrate --data DIR [--out calibration.json] [--max-false-accept 0.05] [--confidence 0.9] [--evaluate] [--report FILE]");
            return 2;
        }

        return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
