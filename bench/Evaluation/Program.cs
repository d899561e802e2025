using System.Globalization;
using Cascade.Evaluation.Data;
using Cascade.Evaluation.Reports;

var data = args.Length > 0 ? args[0] : "../shared/data/recorded-llm-responses";
var datasets = RecordingLoader.FindFiles(data).Select(RecordingLoader.Load).ToList();
var pairs = RecordingLoader.Pair(datasets, out var unpaired);
var ratios = new List<double>();
foreach (var pair in pairs)
{
    var sw = System.Diagnostics.Stopwatch.StartNew();
    var result = DatasetEvaluator.Evaluate(pair);
    Console.WriteLine($"== {result.Name} ({sw.ElapsedMilliseconds} ms) ref={result.Models[result.ReferenceModel]} acc={result.Reference.Accuracy:P1} cost={result.Reference.CostPerQuestion:E2} oracle ratio={result.Ratio(result.Oracle):F3} acc={result.Oracle.Accuracy:P1}");
    foreach (var f in result.Families)
    {
        Console.WriteLine($"  {f.Family,-11} tried={f.PoliciesTried} front={f.Front.Count} chosen: train {f.Chosen.Train.Accuracy:P1} test {f.Chosen.Test.Accuracy:P1} ratio {result.Ratio(f.Chosen.Test):F3}  [{f.Chosen.Description}]");
        if (f.HeadlinePoint is { } h)
        {
            Console.WriteLine($"              headline: test {h.Test.Accuracy:P1} ratio {result.Ratio(h.Test):F3} [{h.Description}]");
        }
    }

    ratios.Add(result.Headline.HeadlinePoint is { } hp ? result.Ratio(hp.Test) : 1);
}

Console.WriteLine($"mean headline {ratios.Average():F3}");
