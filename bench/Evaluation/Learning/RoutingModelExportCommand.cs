using System.Globalization;
using Cascade.Evaluation.Data;

namespace Cascade.Evaluation.Learning;

/// <summary>
/// <c>export-router</c>: fits the learned up-front router on the recordings' <c>*_train</c> files, measures it on their
/// <c>*_test</c> files, prints the figures and writes the model file the router loads (<c>Cascade:Routing:Model</c>).
/// </summary>
public static class RoutingModelExportCommand
{
    /// <summary>The command's usage.</summary>
    public const string Usage = """
        usage: dotnet run -c Release --project bench/Evaluation -- export-router [options]
          --data DIR     folder of recordings (*_train and *_test pairs); default ../shared/data/recorded-llm-responses
          --out FILE     the model file to write; default src/Router/routing-model.json
          --tiers LIST   the target ladder, cheapest first; default haiku,sonnet,opus
          --workloads L  the workloads the model routes; default general
        """;

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        string data = "../shared/data/recorded-llm-responses", file = "src/Router/routing-model.json";
        string[] tiers = ["haiku", "sonnet", "opus"], workloads = [RoutingModel.GeneralWorkload];
        for (int i = 0; i < args.Count; i++)
        {
            string Value() => ++i < args.Count ? args[i] : throw new ArgumentException($"'{args[i - 1]}' needs a value.");
            switch (args[i])
            {
                case "--data": data = Value(); break;
                case "--out": file = Value(); break;
                case "--tiers": tiers = Value().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries); break;
                case "--workloads": workloads = Value().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        if (tiers.Length < 2)
        {
            throw new ArgumentException("--tiers needs at least two tiers.");
        }

        IReadOnlyList<DatasetPair> pairs = RecordingLoader.Pair(RecordingLoader.FindFiles(data).Select(RecordingLoader.Load), out _);
        RoutingModelTrainer.Examples train = RoutingModelTrainer.Read(pairs.Select(p => p.Train), tiers.Length - 1);
        RoutingModelTrainer.Examples test = RoutingModelTrainer.Read(pairs.Select(p => p.Test), tiers.Length - 1);
        string trainedOn = $"export-router on {string.Join(", ", pairs.Select(p => p.Name))}: {train.Features.Count} train, {test.Features.Count} test questions; models mapped by cost rank";
        RoutingModel model = RoutingModelTrainer.Fit(train, test, tiers, "recorded-tasks", workloads, trainedOn);

        int[] routed = new int[tiers.Length];
        foreach (double[] x in test.Features)
        {
            routed[RoutingModelTrainer.Route(model, x)]++;
        }

        CultureInfo c = CultureInfo.InvariantCulture;
        output.WriteLine(trainedOn);
        foreach (RoutingModelTier tier in model.Tiers)
        {
            output.WriteLine(string.Create(c, $"  {tier.Tier}: classifier test accuracy {tier.TestAccuracy:0.000}"));
        }

        for (int t = 0; t < tiers.Length; t++)
        {
            double alone = test.Correct.Count(r => r[t]) / (double)Math.Max(1, test.Correct.Count);
            output.WriteLine(string.Create(c, $"  routed to {tiers[t]}: {routed[t] / (double)Math.Max(1, test.Features.Count):P1}; {tiers[t]} alone answers {alone:0.000}"));
        }

        output.WriteLine(string.Create(c, $"  routed answers correct on test: {model.TestAccuracy:0.000}"));
        model.Save(file);
        output.WriteLine($"wrote {file}");
        return 0;
    }
}
