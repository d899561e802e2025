using System.Numerics;
using Cascade.Evaluation.Learning;
using Cascade.Evaluation.Scoring;

namespace Cascade.Evaluation.Policies;

/// <summary>
/// Searches cascade policies on a train split: every ordered subset of the ladder up to <see cref="SearchOptions.MaxRungs"/>
/// rungs (so every start tier), every gate family, and every combination of per-rung thresholds drawn from the
/// train scores' quantiles (plus "never accept", which makes a rung a probe whose answer later rungs compare with).
/// Only the train split is ever read: the result carries the fitted scorers and thresholds, ready for the test split.
/// </summary>
public sealed class PolicySearch
{
    private readonly ScoredSplit _train;
    private readonly IReadOnlyList<ScoredSplit> _auxiliary;
    private readonly SearchOptions _options;
    private readonly int[] _fold;
    private readonly Dictionary<(GateFamily, int), RungScores> _rungs = [];
    private readonly Dictionary<int, (LogisticModel Model, double[] Train, double[] Grid)> _routers = [];
    private FamilyCalibration? _learned;

    /// <summary>Initializes a search over a train split.</summary>
    /// <param name="train">The train split: every threshold, front and operating point comes from it.</param>
    /// <param name="options">The search options.</param>
    /// <param name="auxiliary">Other train splits on the same ladder (models in the same order) whose rows the learned gate may pool, when that lowers its cross-validated log-loss on <paramref name="train"/>.</param>
    public PolicySearch(ScoredSplit train, SearchOptions? options = null, IReadOnlyList<ScoredSplit>? auxiliary = null)
    {
        _train = train ?? throw new ArgumentNullException(nameof(train));
        if (train.Models.Count > MaxLadder)
        {
            throw new ArgumentException($"{train.Dataset.Path} has {train.Models.Count} models; the search enumerates subsets of at most {MaxLadder}. Restrict the ladder (DatasetPair.WithModels) first.", nameof(train));
        }

        _auxiliary = auxiliary ?? [];
        if (_auxiliary.FirstOrDefault(a => !a.Models.SequenceEqual(train.Models, StringComparer.Ordinal)) is { } mismatch)
        {
            throw new ArgumentException($"{mismatch.Dataset.Path} has models {string.Join(", ", mismatch.Models)}; auxiliary data must be on the train ladder ({string.Join(", ", train.Models)}) in that order.", nameof(auxiliary));
        }

        _options = options ?? new SearchOptions();
        var order = Enumerable.Range(0, train.Count).ToArray();
        new Random(_options.Seed).Shuffle(order);
        _fold = new int[train.Count];
        for (int i = 0; i < order.Length; i++)
        {
            _fold[order[i]] = i % _options.Folds;
        }
    }

    /// <summary>The largest ladder the search accepts.</summary>
    public const int MaxLadder = 20;

    /// <summary>Gets the families the train split supports: the logprob gate only when every answer has a confidence.</summary>
    public IReadOnlyList<GateFamily> Families =>
        _options.Families ?? (_train.Dataset.HasLogprobs
            ? [GateFamily.Logprob, GateFamily.TextChecks, GateFamily.Agreement, GateFamily.Learned, GateFamily.Routed]
            : [GateFamily.TextChecks, GateFamily.Agreement, GateFamily.Learned, GateFamily.Routed]);

    /// <summary>Gets the index of the model with the best train accuracy (the cheaper on a tie).</summary>
    public int BestSingleModel()
    {
        int best = 0;
        var outcomes = Enumerable.Range(0, _train.Models.Count).Select(m => PolicyRunner.Single(_train, m)).ToArray();
        for (int m = 1; m < outcomes.Length; m++)
        {
            if (outcomes[m].Correct > outcomes[best].Correct || (outcomes[m].Correct == outcomes[best].Correct && outcomes[m].TotalCostUnits < outcomes[best].TotalCostUnits))
            {
                best = m;
            }
        }

        return best;
    }

    /// <summary>Searches every family.</summary>
    /// <param name="progress">Called with the share of the search done, from 0 to 1.</param>
    public IReadOnlyList<FamilyCalibration> Run(Action<double>? progress = null)
    {
        var families = Families;
        var result = new List<FamilyCalibration>(families.Count);
        for (int f = 0; f < families.Count; f++)
        {
            result.Add(Run(families[f], share => progress?.Invoke((f + share) / families.Count)));
        }

        return result;
    }

    /// <summary>Searches one family.</summary>
    public FamilyCalibration Run(GateFamily family, Action<double>? progress = null)
    {
        if (family == GateFamily.Routed)
        {
            return RunRouted(progress);
        }

        int models = _train.Models.Count;
        int maxRungs = Math.Min(_options.MaxRungs, models > 6 ? 3 : models);
        var subsets = Enumerable.Range(1, (1 << models) - 1)
            .Where(mask => BitOperations.PopCount((uint)mask) <= maxRungs)
            .OrderBy(mask => BitOperations.PopCount((uint)mask))
            .ThenBy(mask => mask)
            .ToArray();
        var front = new ParetoFront();
        long tried = 0;
        for (int s = 0; s < subsets.Length; s++)
        {
            int[] tiers = Enumerable.Range(0, models).Where(m => (subsets[s] & (1 << m)) != 0).ToArray();
            var rungs = new RungScores[tiers.Length - 1];
            for (int r = 0; r < rungs.Length; r++)
            {
                rungs[r] = Rung(family, tiers.AsSpan(0, r + 1));
            }

            tried += Enumerate(family, tiers, rungs, front);
            progress?.Invoke((s + 1.0) / subsets.Length);
        }

        var result = Calibration(family, front, tried);
        if (family == GateFamily.Learned)
        {
            _learned = result;
        }

        return result;
    }

    private FamilyCalibration Calibration(GateFamily family, ParetoFront front, long tried)
    {
        var points = front.Points;
        int best = BestSingleModel();
        double target = PolicyRunner.Single(_train, best).Accuracy - (_options.TrainAccuracyMarginPoints / 100) - 1e-12;
        var chosen = points.FirstOrDefault(p => p.Train.Accuracy >= target) ?? points.MaxBy(p => p.Train.Accuracy)!;
        return new FamilyCalibration(family, points, chosen, tried);
    }

    /// <summary>
    /// Puts a learned prompt router in front of each learned front policy: below the router's threshold a request
    /// skips the first rung and runs the rest of the cascade with the scorers of that shorter ladder.
    /// </summary>
    private FamilyCalibration RunRouted(Action<double>? progress)
    {
        var learned = _learned ?? Run(GateFamily.Learned);
        var front = new ParetoFront();
        long tried = 0;
        for (int i = 0; i < learned.Front.Count; i++)
        {
            var point = learned.Front[i];
            if (front.Accepts(point.Train.TotalCostUnits, point.Train.Correct))
            {
                front.Add(point.Train.TotalCostUnits, point.Train.Correct, () => point);
            }

            var a = point.Policy;
            if (a.Tiers.Count >= 2)
            {
                int[] tiers = [.. a.Tiers];
                var mainRungs = Enumerable.Range(0, tiers.Length - 1).Select(r => Rung(GateFamily.Learned, tiers.AsSpan(0, r + 1))).ToArray();
                int[] rest = tiers[1..];
                var restRungs = Enumerable.Range(0, rest.Length - 1).Select(r => Rung(GateFamily.Learned, rest.AsSpan(0, r + 1))).ToArray();
                double[] restThresholds = [.. a.Thresholds.Skip(1)];
                var skipped = new CascadePolicy(GateFamily.Learned, rest, restThresholds, restRungs.Select(r => r.Scorer).ToArray());
                var router = Router(tiers[0]);
                foreach (double threshold in router.Grid)
                {
                    if (double.IsPositiveInfinity(threshold))
                    {
                        continue;
                    }

                    tried++;
                    var outcome = RoutedOutcome(tiers, mainRungs, [.. a.Thresholds], restRungs, restThresholds, router.Train, threshold);
                    if (front.Accepts(outcome.TotalCostUnits, outcome.Correct))
                    {
                        var routed = new CascadePolicy(GateFamily.Learned, tiers, a.Thresholds, a.Scorers) { Router = new PromptRouter(router.Model, threshold, skipped) };
                        front.Add(outcome.TotalCostUnits, outcome.Correct, () => new FrontPoint(routed, outcome));
                    }
                }
            }

            progress?.Invoke((i + 1.0) / learned.Front.Count);
        }

        return Calibration(GateFamily.Routed, front, tried);
    }

    private PolicyOutcome RoutedOutcome(int[] tiers, RungScores[] mainRungs, double[] mainThresholds, RungScores[] restRungs, double[] restThresholds, double[] router, double threshold)
    {
        var resolved = new int[tiers.Length];
        var latency = new long[_train.Count];
        int correct = 0, escalated = 0;
        long cost = 0;
        for (int q = 0; q < _train.Count; q++)
        {
            bool skip = router[q] < threshold;
            int offset = skip ? 1 : 0;
            var rungs = skip ? restRungs : mainRungs;
            var thresholds = skip ? restThresholds : mainThresholds;
            int rung = 0;
            for (; rung < rungs.Length; rung++)
            {
                cost += _train.CostUnits[q][tiers[rung + offset]];
                latency[q] += _train.LatencyTicks[q][tiers[rung + offset]];
                if (rungs[rung].Train[q] >= thresholds[rung])
                {
                    break;
                }
            }

            if (rung == rungs.Length)
            {
                cost += _train.CostUnits[q][tiers[rung + offset]];
                latency[q] += _train.LatencyTicks[q][tiers[rung + offset]];
            }

            resolved[rung + offset]++;
            escalated += rung > 0 ? 1 : 0;
            correct += _train.Correct[q][tiers[rung + offset]] ? 1 : 0;
        }

        return new PolicyOutcome(_train.Count, correct, cost, resolved, escalated, latency);
    }

    /// <summary>The prompt router of a first tier: out-of-fold train scores, the model fitted on all of train, and candidate thresholds.</summary>
    private (LogisticModel Model, double[] Train, double[] Grid) Router(int firstTier)
    {
        if (_routers.TryGetValue(firstTier, out var cached))
        {
            return cached;
        }

        var features = _train.Dataset.Questions.Select(q => PromptFeatures.Of(q.Prompt)).ToArray();
        var labels = Enumerable.Range(0, _train.Count).Select(q => _train.Correct[q][firstTier]).ToArray();
        var router = (LogisticModel.Fit(features, labels, _options.L2 * 10), OutOfFold(features, labels, _options.L2 * 10), Array.Empty<double>());
        router.Item3 = Grid(router.Item2);
        _routers[firstTier] = router;
        return router;
    }

    private long Enumerate(GateFamily family, int[] tiers, RungScores[] rungs, ParetoFront front)
    {
        int n = _train.Count;
        var thresholds = new double[rungs.Length];
        var choice = new int[rungs.Length];
        long tried = 0;
        while (true)
        {
            for (int r = 0; r < rungs.Length; r++)
            {
                thresholds[r] = rungs[r].Grid[choice[r]];
            }

            int correct = 0;
            long cost = 0;
            for (int q = 0; q < n; q++)
            {
                var costs = _train.CostUnits[q];
                int rung = 0;
                for (; rung < rungs.Length; rung++)
                {
                    cost += costs[tiers[rung]];
                    if (rungs[rung].Train[q] >= thresholds[rung])
                    {
                        break;
                    }
                }

                if (rung == rungs.Length)
                {
                    cost += costs[tiers[rung]];
                }

                correct += _train.Correct[q][tiers[rung]] ? 1 : 0;
            }

            tried++;
            if (front.Accepts(cost, correct))
            {
                var policy = new CascadePolicy(family, tiers, thresholds.ToArray(), rungs.Select(r => r.Scorer).ToArray());
                front.Add(cost, correct, () => new FrontPoint(policy, Outcome(tiers, rungs, thresholds)));
            }

            int next = 0;
            while (next < rungs.Length && ++choice[next] == rungs[next].Grid.Length)
            {
                choice[next++] = 0;
            }

            if (next == rungs.Length)
            {
                return tried;
            }
        }
    }

    private PolicyOutcome Outcome(int[] tiers, RungScores[] rungs, double[] thresholds)
    {
        var resolved = new int[tiers.Length];
        var latency = new long[_train.Count];
        int correct = 0, escalated = 0;
        long cost = 0;
        for (int q = 0; q < _train.Count; q++)
        {
            int rung = 0;
            for (; rung < rungs.Length; rung++)
            {
                cost += _train.CostUnits[q][tiers[rung]];
                latency[q] += _train.LatencyTicks[q][tiers[rung]];
                if (rungs[rung].Train[q] >= thresholds[rung])
                {
                    break;
                }
            }

            if (rung == rungs.Length)
            {
                cost += _train.CostUnits[q][tiers[rung]];
                latency[q] += _train.LatencyTicks[q][tiers[rung]];
            }

            resolved[rung]++;
            escalated += rung > 0 ? 1 : 0;
            correct += _train.Correct[q][tiers[rung]] ? 1 : 0;
        }

        return new PolicyOutcome(_train.Count, correct, cost, resolved, escalated, latency);
    }

    /// <summary>The scorer of the rung that ends <paramref name="prefix"/>, its train scores and candidate thresholds.</summary>
    private RungScores Rung(GateFamily family, ReadOnlySpan<int> prefix)
    {
        int mask = 0;
        foreach (int t in prefix)
        {
            mask |= 1 << t;
        }

        if (_rungs.TryGetValue((family, mask), out var cached))
        {
            return cached;
        }

        int current = prefix[^1];
        int[] earlierTiers = prefix[..^1].ToArray();
        var features = new double[_train.Count][];
        var labels = new bool[_train.Count];
        var earlier = new AnswerSignals[_train.Count][];
        for (int q = 0; q < _train.Count; q++)
        {
            earlier[q] = earlierTiers.Select(t => _train.Signals[q][t]).ToArray();
            labels[q] = _train.Correct[q][current];
        }

        IAnswerScorer scorer;
        double[] scores = new double[_train.Count];
        if (family == GateFamily.Learned)
        {
            for (int q = 0; q < _train.Count; q++)
            {
                features[q] = CascadeFeatures.Of(_train.Signals[q][current], earlier[q]);
            }

            // Each rung picks its feature subset and penalty by out-of-fold log-loss on train; its thresholds are then
            // calibrated on those out-of-fold scores, so the train figures are not the fit's own optimism.
            double bestLoss = double.PositiveInfinity;
            (FeatureSet Set, double L2, bool Pooled) best = (CascadeFeatures.Sets[^1], _options.L2, false);
            var (auxFeatures, auxLabels) = AuxiliaryRows(current, earlierTiers);
            foreach (var set in CascadeFeatures.Sets.Where(set => _train.Dataset.HasLogprobs || !set.Name.Contains("confidence", StringComparison.Ordinal)))
            {
                var selected = Array.ConvertAll(features, set.Select);
                var extra = Array.ConvertAll(auxFeatures, set.Select);
                foreach (bool pooled in auxFeatures.Length > 0 ? new[] { false, true } : [false])
                {
                    foreach (double l2 in new[] { _options.L2, _options.L2 * 10 })
                    {
                        var oof = pooled ? OutOfFold(selected, labels, l2, extra, auxLabels) : OutOfFold(selected, labels, l2);
                        double loss = LogLoss(oof, labels);
                        if (loss < bestLoss - 1e-9)
                        {
                            (bestLoss, best, scores) = (loss, (set, l2, pooled), oof);
                        }
                    }
                }
            }

            var chosen = Array.ConvertAll(features, best.Set.Select);
            var fitLabels = labels;
            if (best.Pooled)
            {
                chosen = [.. chosen, .. Array.ConvertAll(auxFeatures, best.Set.Select)];
                fitLabels = [.. labels, .. auxLabels];
            }

            scorer = new LearnedScorer(LogisticModel.Fit(chosen, fitLabels, best.L2), best.Set, best.L2) { Pooled = best.Pooled };
        }
        else
        {
            scorer = family switch
            {
                GateFamily.Logprob => LogprobScorer.Instance,
                GateFamily.TextChecks => TextCheckScorer.Instance,
                _ => AgreementScorer.Instance,
            };
            for (int q = 0; q < _train.Count; q++)
            {
                scores[q] = scorer.Score(_train.Signals[q][current], earlier[q]);
            }
        }

        var rung = new RungScores(scorer, scores, Grid(scores));
        _rungs[(family, mask)] = rung;
        return rung;
    }

    /// <summary>The auxiliary splits' rows for the rung ending at <paramref name="current"/> after <paramref name="earlierTiers"/>.</summary>
    private (double[][] Features, bool[] Labels) AuxiliaryRows(int current, int[] earlierTiers)
    {
        var features = new List<double[]>();
        var labels = new List<bool>();
        foreach (var split in _auxiliary)
        {
            for (int q = 0; q < split.Count; q++)
            {
                features.Add(CascadeFeatures.Of(split.Signals[q][current], earlierTiers.Select(t => split.Signals[q][t]).ToArray()));
                labels.Add(split.Correct[q][current]);
            }
        }

        return (features.ToArray(), labels.ToArray());
    }

    private double[] OutOfFold(double[][] features, bool[] labels, double l2, double[][]? extraFeatures = null, bool[]? extraLabels = null)
    {
        var scores = new double[features.Length];
        for (int fold = 0; fold < _options.Folds; fold++)
        {
            var inFold = Enumerable.Range(0, features.Length).Where(q => _fold[q] != fold).ToArray();
            var foldFeatures = inFold.Select(q => features[q]).Concat(extraFeatures ?? []).ToArray();
            var foldLabels = inFold.Select(q => labels[q]).Concat(extraLabels ?? []).ToArray();
            var model = LogisticModel.Fit(foldFeatures, foldLabels, l2);
            for (int q = 0; q < features.Length; q++)
            {
                if (_fold[q] == fold)
                {
                    scores[q] = model.Predict(features[q]);
                }
            }
        }

        return scores;
    }

    private static double LogLoss(double[] scores, bool[] labels)
    {
        double loss = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            double p = Math.Clamp(scores[i], 1e-6, 1 - 1e-6);
            loss -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        return loss / scores.Length;
    }

    private double[] Grid(double[] scores)
    {
        var distinct = scores.Distinct().Order().ToArray();
        IEnumerable<double> candidates;
        if (distinct.Length <= _options.GridSize)
        {
            candidates = distinct.Skip(1);
        }
        else
        {
            var sorted = scores.Order().ToArray();
            candidates = Enumerable.Range(1, _options.GridSize - 1).Select(i => sorted[i * sorted.Length / _options.GridSize]).Where(v => v > distinct[0]);
        }

        return candidates.Distinct().Append(double.PositiveInfinity).ToArray();
    }

    private sealed record RungScores(IAnswerScorer Scorer, double[] Train, double[] Grid);

    /// <summary>Non-dominated (cost, correct) points; an equal point found later does not replace the first (simpler) one.</summary>
    private sealed class ParetoFront
    {
        private readonly List<(long Cost, int Correct, FrontPoint Point)> _points = [];

        public IReadOnlyList<FrontPoint> Points => _points.OrderBy(p => p.Cost).ThenByDescending(p => p.Correct).Select(p => p.Point).ToArray();

        public bool Accepts(long cost, int correct) => !_points.Any(p => p.Cost <= cost && p.Correct >= correct);

        public void Add(long cost, int correct, Func<FrontPoint> point)
        {
            _points.RemoveAll(p => p.Cost >= cost && p.Correct <= correct);
            _points.Add((cost, correct, point()));
        }
    }
}
