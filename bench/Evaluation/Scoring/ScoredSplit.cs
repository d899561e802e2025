using Cascade.Evaluation.Data;

namespace Cascade.Evaluation.Scoring;

/// <summary>
/// One split scored once: for each question and model, whether the answer is right, its exact cost (whole picodollars,
/// the middleware's arithmetic) and its signals. Every policy is then evaluated on these arrays.
/// </summary>
public sealed class ScoredSplit
{
    private ScoredSplit(RecordedDataset dataset, IReadOnlyList<ModelPricing> pricing, bool[][] correct, long[][] costUnits, long[][] latencyTicks, AnswerSignals[][] signals)
    {
        LatencyTicks = latencyTicks;
        Dataset = dataset;
        Pricing = pricing;
        Correct = correct;
        CostUnits = costUnits;
        Signals = signals;
    }

    /// <summary>The number of cost units in one US dollar: costs are counted in whole picodollars.</summary>
    public const decimal UnitsPerDollar = 1_000_000_000_000m;

    /// <summary>Gets the split.</summary>
    public RecordedDataset Dataset { get; }

    /// <summary>Gets each model's pricing, in ladder order.</summary>
    public IReadOnlyList<ModelPricing> Pricing { get; }

    /// <summary>Gets the number of questions.</summary>
    public int Count => Correct.Length;

    /// <summary>Gets the ladder.</summary>
    public IReadOnlyList<string> Models => Dataset.Models;

    /// <summary>Gets, per question and model, whether the answer is right.</summary>
    public bool[][] Correct { get; }

    /// <summary>Gets, per question and model, the call's cost in picodollars as the middleware bills it.</summary>
    public long[][] CostUnits { get; }

    /// <summary>Gets, per question and model, the recorded latency in ticks (zero when the file has none).</summary>
    public long[][] LatencyTicks { get; }

    /// <summary>Gets, per question and model, the answer's signals.</summary>
    public AnswerSignals[][] Signals { get; }

    /// <summary>Scores a split.</summary>
    /// <exception cref="InvalidOperationException">A pricing does not reproduce a recorded cost.</exception>
    public static ScoredSplit Create(RecordedDataset dataset, IReadOnlyList<ModelPricing> pricing)
    {
        if (pricing.Count != dataset.Models.Count)
        {
            throw new ArgumentException($"{pricing.Count} pricings for {dataset.Models.Count} models.", nameof(pricing));
        }

        int n = dataset.Questions.Count, m = dataset.Models.Count;
        var correct = new bool[n][];
        var cost = new long[n][];
        var signals = new AnswerSignals[n][];
        var latency = new long[n][];
        for (int q = 0; q < n; q++)
        {
            var question = dataset.Questions[q];
            correct[q] = new bool[m];
            cost[q] = new long[m];
            signals[q] = new AnswerSignals[m];
            latency[q] = new long[m];
            for (int i = 0; i < m; i++)
            {
                var answer = question.Answers[i];
                decimal billed = pricing[i].CostOf(answer);
                if (billed != answer.Cost)
                {
                    throw new InvalidOperationException($"{dataset.Path}:{question.Line}: {dataset.Models[i]} would be billed {billed} but the recording says {answer.Cost}.");
                }

                correct[q][i] = answer.Correct;
                cost[q][i] = decimal.ToInt64(billed * UnitsPerDollar);
                latency[q][i] = answer.Latency.Ticks;
                signals[q][i] = AnswerSignals.From(dataset.Task, answer.Text, answer.LogprobConfidence);
            }
        }

        return new ScoredSplit(dataset, pricing, correct, cost, latency, signals);
    }

    /// <summary>Converts picodollars to US dollars.</summary>
    public static decimal Dollars(long units) => units / UnitsPerDollar;
}
