using System.Globalization;
using Cascade.Evaluation.Policies;

namespace Cascade.Evaluation;

/// <summary>The command line of the evaluation tool.</summary>
public sealed class EvaluationCommand
{
    /// <summary>Gets the usage text.</summary>
    public const string Usage = """
        usage: dotnet run -c Release --project bench/Evaluation -- [options]
          --data DIR       folder of recordings (*.jsonl, *.csv; *_train and *_test pairs); default ../shared/data/recorded-llm-responses
          --out DIR        where results.md, summary.json and the PNG plots go; default bench/Evaluation/results
          --max-rungs N    most rungs a cascade may have (default 5; 3 on ladders longer than 6 models)
          --grid N         candidate thresholds per rung (default 16)
          --folds N        cross-validation folds for the learned gate (default 5)
          --margin P       with --no-cv: accuracy points below the reference the train-chosen point may sit; negative aims above (default 0)
          --no-cv          do not cross-validate the train-chosen margin: use --margin as given
          --front-se Z     standard errors of the paired difference with the reference the front subtracts (default 1; 0 = plain train accuracy)
          --cv-tolerance P points below the reference the cross-validated accuracy of the selection may sit (default 1)
          --confidence C   confidence of the accuracy guarantee, strictly between 0 and 1 (default 0.9)
          --guarantee-tolerance P  most accuracy points the guaranteed point may lose against the reference (default 1)
          --guarantee-sample N     questions the guarantee is stated for (default: the test file's size; 0 = the population loss)
          --resplits N     random train/test re-splits over which the guarantee's hit rate is measured (default 5; 0 = none)
          --no-replay      skip the replay through the cascade middleware
        """;

    /// <summary>Gets the data folder.</summary>
    public string Data { get; private set; } = "../shared/data/recorded-llm-responses";

    /// <summary>Gets the output folder.</summary>
    public string Output { get; private set; } = "bench/Evaluation/results";

    /// <summary>Gets the search options.</summary>
    public SearchOptions Search { get; } = new();

    /// <summary>Gets whether chosen policies are replayed through the middleware.</summary>
    public bool Replay { get; private set; } = true;

    /// <summary>Gets how many random train/test re-splits the guarantee's hit rate is measured over.</summary>
    public int Resplits { get; private set; } = 5;

    /// <summary>Gets whether only the usage was asked for.</summary>
    public bool ShowHelp { get; private set; }

    /// <summary>Parses the arguments.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value or has a bad one.</exception>
    public static EvaluationCommand Parse(IReadOnlyList<string> args)
    {
        var command = new EvaluationCommand();
        for (int i = 0; i < args.Count; i++)
        {
            string option = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{option} needs a value.");
            int Count()
            {
                string text = Value();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : throw new ArgumentException($"{option} expects a whole number, got '{text}'.");
            }

            try
            {
                switch (option)
                {
                    case "--data": command.Data = Value(); break;
                    case "--out": command.Output = Value(); break;
                    case "--max-rungs": command.Search.MaxRungs = Count(); break;
                    case "--grid": command.Search.GridSize = Count(); break;
                    case "--folds": command.Search.Folds = Count(); break;
                    case "--margin":
                        string text = Value();
                        command.Search.TrainAccuracyMarginPoints = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double margin) ? margin : throw new ArgumentException($"--margin expects a number of points, got '{text}'.");
                        break;
                    case "--no-cv": command.Search.CrossValidate = false; break;
                    case "--front-se":
                        string z = Value();
                        command.Search.FrontStandardErrors = double.TryParse(z, NumberStyles.Float, CultureInfo.InvariantCulture, out double errors) ? errors : throw new ArgumentException($"--front-se expects a number, got '{z}'.");
                        break;
                    case "--cv-tolerance":
                        string points = Value();
                        command.Search.CrossValidatedTolerancePoints = double.TryParse(points, NumberStyles.Float, CultureInfo.InvariantCulture, out double tolerance) ? tolerance : throw new ArgumentException($"--cv-tolerance expects a number of points, got '{points}'.");
                        break;
                    case "--confidence":
                        string confidence = Value();
                        command.Search.GuaranteeConfidence = double.TryParse(confidence, NumberStyles.Float, CultureInfo.InvariantCulture, out double c) ? c : throw new ArgumentException($"--confidence expects a number between 0 and 1, got '{confidence}'.");
                        break;
                    case "--guarantee-tolerance":
                        string target = Value();
                        command.Search.GuaranteeTolerancePoints = double.TryParse(target, NumberStyles.Float, CultureInfo.InvariantCulture, out double t) ? t : throw new ArgumentException($"--guarantee-tolerance expects a number of points, got '{target}'.");
                        break;
                    case "--guarantee-sample": command.Search.GuaranteeSampleSize = Count(); break;
                    case "--resplits":
                        int resplits = Count();
                        command.Resplits = resplits >= 0 ? resplits : throw new ArgumentException($"--resplits expects zero or more, got {resplits}.");
                        break;
                    case "--no-replay": command.Replay = false; break;
                    case "-h" or "--help": command.ShowHelp = true; break;
                    default: throw new ArgumentException($"Unknown option '{option}'.");
                }
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new ArgumentException($"{option}: {ex.Message.Split(Environment.NewLine)[0]}", ex);
            }
        }

        return command;
    }
}
