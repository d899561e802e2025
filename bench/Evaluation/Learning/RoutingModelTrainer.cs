using Cascade.Evaluation.Data;
using Microsoft.Extensions.AI;

namespace Cascade.Evaluation.Learning;

/// <summary>
/// Fits the learned up-front router (<see cref="RoutingModel"/>) on recorded answers: each recording's models, cheapest first,
/// stand for the target ladder's tiers by rank, and a tier's label is whether its model answered the question correctly.
/// Fitted on the <c>*_train</c> files of every pair, measured on the <c>*_test</c> files.
/// </summary>
public static class RoutingModelTrainer
{
    /// <summary>The labelled examples of one split: features and, per lower tier, whether that rank answered well.</summary>
    public sealed record Examples(IReadOnlyList<double[]> Features, IReadOnlyList<bool[]> Correct);

    /// <summary>Reads the examples of recordings, mapping each one's models by cost rank onto <paramref name="lowerTiers"/> + 1 tiers.</summary>
    public static Examples Read(IEnumerable<RecordedDataset> datasets, int lowerTiers)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        var features = new List<double[]>();
        var correct = new List<bool[]>();
        foreach (RecordedDataset dataset in datasets)
        {
            int[] byCost = Enumerable.Range(0, dataset.Models.Count)
                .OrderBy(m => dataset.Questions.Average(q => (double)q.Answers[m].Cost))
                .ToArray();
            if (byCost.Length < lowerTiers + 1)
            {
                continue;
            }

            // Ranks spread over the ladder: the cheapest model, evenly spaced middles, the strongest last.
            int[] ranks = Enumerable.Range(0, lowerTiers + 1).Select(r => byCost[(int)Math.Round(r * (byCost.Length - 1) / (double)lowerTiers)]).ToArray();
            foreach (RecordedQuestion question in dataset.Questions)
            {
                features.Add(FeaturesOf(question));
                correct.Add(ranks.Select(m => question.Answers[m].Correct).ToArray());
            }
        }

        return new Examples(features, correct);
    }

    /// <summary>The router's features of a recorded question, read exactly as the running router reads a request.</summary>
    public static double[] FeaturesOf(RecordedQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var messages = new List<ChatMessage>();
        if (!string.IsNullOrWhiteSpace(question.SystemPrompt))
        {
            messages.Add(new ChatMessage(ChatRole.System, question.SystemPrompt));
        }

        messages.Add(new ChatMessage(ChatRole.User, question.Prompt));
        return RoutingModel.Features(RequestFeatures.From(messages, null));
    }

    /// <summary>Fits one logistic model per lower tier and measures the router on <paramref name="test"/>.</summary>
    public static RoutingModel Fit(Examples train, Examples test, IReadOnlyList<string> tiers, string name, IReadOnlyList<string> workloads, string trainedOn, double l2 = 1.0)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(tiers);
        var lower = new List<RoutingModelTier>();
        for (int t = 0; t < tiers.Count - 1; t++)
        {
            LogisticModel fitted = LogisticModel.Fit(train.Features, train.Correct.Select(c => c[t]).ToArray(), l2);
            (double[] weights, double bias) = fitted.ToRaw();
            var tier = new RoutingModelTier(tiers[t], Math.Round(bias, 6), weights.Select(w => Math.Round(w, 6)).ToArray());
            lower.Add(tier with { TestAccuracy = Math.Round(ClassifierAccuracy(tier, test, t), 4) });
        }

        var model = new RoutingModel { Name = name, Workloads = workloads, Tiers = lower, TopTier = tiers[^1], TrainedOn = trainedOn };
        return model with { TestAccuracy = Math.Round(RoutedAccuracy(model, test), 4) };
    }

    /// <summary>The share of examples whose outcome at tier <paramref name="t"/> the tier's model predicts at probability 0.5.</summary>
    public static double ClassifierAccuracy(RoutingModelTier tier, Examples examples, int t)
    {
        ArgumentNullException.ThrowIfNull(tier);
        ArgumentNullException.ThrowIfNull(examples);
        int hits = examples.Features.Select((x, i) => tier.Probability(x) >= 0.5 == examples.Correct[i][t]).Count(h => h);
        return examples.Features.Count == 0 ? 0 : hits / (double)examples.Features.Count;
    }

    /// <summary>The share of examples the tier the model routes them to answered correctly.</summary>
    public static double RoutedAccuracy(RoutingModel model, Examples examples)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        int hits = 0;
        for (int i = 0; i < examples.Features.Count; i++)
        {
            hits += examples.Correct[i][Route(model, examples.Features[i])] ? 1 : 0;
        }

        return examples.Features.Count == 0 ? 0 : hits / (double)examples.Features.Count;
    }

    /// <summary>The rank (0 = cheapest) a model routes a feature vector to.</summary>
    public static int Route(RoutingModel model, double[] features)
    {
        ArgumentNullException.ThrowIfNull(model);
        int t = 0;
        foreach (RoutingModelTier tier in model.Tiers)
        {
            if (tier.Probability(features) >= model.AcceptProbability)
            {
                return t;
            }

            t++;
        }

        return t;
    }
}
