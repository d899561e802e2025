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
    private readonly Dictionary<int, (List<ParetoFront> Fronts, long Tried)> _learnedFronts = [];

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

    /// <summary>
    /// Searches one family. With <see cref="SearchOptions.CrossValidate"/>, the largest rung count the front may use
    /// and the operating point's train margin are chosen by cross-validating the whole selection on train (see
    /// <see cref="FamilyCalibration.RungCap"/>); otherwise the front uses up to <see cref="SearchOptions.MaxRungs"/>
    /// rungs and the operating point sits at <see cref="SearchOptions.TrainAccuracyMarginPoints"/>.
    /// </summary>
    public FamilyCalibration Run(GateFamily family, Action<double>? progress = null)
    {
        int n = _train.Count;
        int[] all = Enumerable.Range(0, n).ToArray();
        int steps = _options.CrossValidate ? _options.Folds + 1 : 1;
        var fronts = Fronts(family, all, out long tried, share => progress?.Invoke(share / steps));
        int reference = BestSingleModel();
        int cap = fronts.Count;
        double margin = -_options.TrainAccuracyMarginPoints;
        double heldOutDelta = double.NaN, heldOutRatio = double.NaN;
        if (_options.CrossValidate)
        {
            (cap, margin, heldOutDelta, heldOutRatio) = CrossValidate(family, fronts.Count, reference, share => progress?.Invoke((1 + (share * _options.Folds)) / steps));
        }

        var candidates = fronts[cap - 1].Entries;
        var points = candidates.Select(e => new FrontPoint(Policy(family, e.Item), Outcome(e.Item))).ToArray();
        int referenceCorrect = CorrectOf(reference, all);
        int index = Choose(candidates, referenceCorrect, n, margin);
        var result = new FamilyCalibration(family, points, points[index], tried)
        {
            RungCap = cap,
            MarginPoints = margin,
            HeldOutAccuracyDeltaPoints = heldOutDelta,
            HeldOutCostRatio = heldOutRatio,
        };
        progress?.Invoke(1);
        return result;
    }

    /// <summary>The margins (train accuracy minus the reference's, in points) the cross-validation tries for the operating point.</summary>
    public static IReadOnlyList<double> CandidateMargins { get; } = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3, 4];

    /// <summary>
    /// Cross-validates the selection itself on train: per fold, the fronts are searched on the other folds and, for
    /// every rung cap and margin, the cheapest policy at that margin is scored on the held-out fold against the
    /// reference. Keeps the cheapest (cap, margin) whose pooled held-out accuracy is within
    /// <see cref="SearchOptions.CrossValidatedTolerancePoints"/> of the reference's (else the most accurate).
    /// </summary>
    private (int Cap, double Margin, double DeltaPoints, double CostRatio) CrossValidate(GateFamily family, int caps, int reference, Action<double> progress)
    {
        var margins = CandidateMargins;
        var delta = new long[caps, margins.Count];
        var cost = new long[caps, margins.Count];
        long referenceCost = 0;
        for (int fold = 0; fold < _options.Folds; fold++)
        {
            int[] inFold = Enumerable.Range(0, _train.Count).Where(q => _fold[q] != fold).ToArray();
            int[] heldOut = Enumerable.Range(0, _train.Count).Where(q => _fold[q] == fold).ToArray();
            var fronts = Fronts(family, inFold, out _, null, fold);
            int referenceIn = CorrectOf(reference, inFold);
            int referenceOut = CorrectOf(reference, heldOut);
            referenceCost += heldOut.Sum(q => _train.CostUnits[q][reference]);
            for (int c = 0; c < caps; c++)
            {
                var entries = fronts[Math.Min(c, fronts.Count - 1)].Entries;
                for (int m = 0; m < margins.Count; m++)
                {
                    var (correct, spent) = Score(entries[Choose(entries, referenceIn, inFold.Length, margins[m])].Item, heldOut);
                    delta[c, m] += correct - referenceOut;
                    cost[c, m] += spent;
                }
            }

            progress((fold + 1.0) / _options.Folds);
        }

        double tolerance = _options.CrossValidatedTolerancePoints / 100;
        (int Cap, int Margin)? best = null;
        (int Cap, int Margin) mostAccurate = (caps - 1, margins.Count - 1);
        for (int c = 0; c < caps; c++)
        {
            for (int m = margins.Count - 1; m >= 0; m--)
            {
                if (delta[c, m] > delta[mostAccurate.Cap, mostAccurate.Margin])
                {
                    mostAccurate = (c, m);
                }

                if ((double)delta[c, m] / _train.Count >= -tolerance - 1e-12 && (best is not { } b || cost[c, m] < cost[b.Cap, b.Margin]))
                {
                    best = (c, m);
                }
            }
        }

        var (cap, margin) = best ?? mostAccurate;
        return (cap + 1, margins[margin], 100.0 * delta[cap, margin] / _train.Count, referenceCost == 0 ? 0 : (double)cost[cap, margin] / referenceCost);
    }

    /// <summary>The index of the cheapest entry whose accuracy on the searched questions is at least the reference's plus <paramref name="marginPoints"/>, else the most accurate.</summary>
    private static int Choose(IReadOnlyList<(long Cost, int Correct, Candidate Item)> entries, int referenceCorrect, int questions, double marginPoints)
    {
        double target = referenceCorrect + (marginPoints / 100 * questions) - 1e-9;
        int best = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            if (entries[i].Correct >= target)
            {
                return i;
            }

            if (entries[i].Correct > entries[best].Correct)
            {
                best = i;
            }
        }

        return best;
    }

    private int CorrectOf(int model, int[] questions) => questions.Count(q => _train.Correct[q][model]);

    /// <summary>Searches a family's fronts on some train questions: one front per rung cap (index 0 = single models only).</summary>
    private List<ParetoFront> Fronts(GateFamily family, int[] questions, out long tried, Action<double>? progress = null, int fold = -1)
    {
        if (family == GateFamily.Routed)
        {
            return RoutedFronts(questions, fold, out tried, progress);
        }

        if (family == GateFamily.Learned && _learnedFronts.TryGetValue(fold, out var cached))
        {
            tried = cached.Tried;
            progress?.Invoke(1);
            return cached.Fronts;
        }

        int models = _train.Models.Count;
        int maxRungs = Math.Min(_options.MaxRungs, models > 6 ? 3 : models);
        var subsets = Enumerable.Range(1, (1 << models) - 1)
            .Where(mask => BitOperations.PopCount((uint)mask) <= maxRungs)
            .OrderBy(mask => BitOperations.PopCount((uint)mask))
            .ThenBy(mask => mask)
            .ToArray();
        var front = new ParetoFront();
        var fronts = new List<ParetoFront>();
        tried = 0;
        for (int s = 0; s < subsets.Length; s++)
        {
            int[] tiers = Enumerable.Range(0, models).Where(m => (subsets[s] & (1 << m)) != 0).ToArray();
            if (s > 0 && tiers.Length > BitOperations.PopCount((uint)subsets[s - 1]))
            {
                fronts.Add(front.Copy());
            }

            var rungs = new RungScores[tiers.Length - 1];
            for (int r = 0; r < rungs.Length; r++)
            {
                rungs[r] = Rung(family, tiers.AsSpan(0, r + 1));
            }

            tried += Enumerate(tiers, rungs, front, questions);
            progress?.Invoke((s + 1.0) / subsets.Length);
        }

        fronts.Add(front);
        if (family == GateFamily.Learned)
        {
            _learnedFronts[fold] = (fronts, tried);
        }

        return fronts;
    }

    /// <summary>
    /// Puts a learned prompt router in front of each learned front policy: below the router's threshold a request
    /// skips the first rung and runs the rest of the cascade with the scorers of that shorter ladder.
    /// </summary>
    private List<ParetoFront> RoutedFronts(int[] questions, int fold, out long tried, Action<double>? progress)
    {
        var learnedFronts = Fronts(GateFamily.Learned, questions, out _, null, fold);
        var fronts = new List<ParetoFront>();
        tried = 0;
        for (int c = 0; c < learnedFronts.Count; c++)
        {
            var front = new ParetoFront();
            foreach (var (pointCost, pointCorrect, a) in learnedFronts[c].Entries)
            {
                front.Add(pointCost, pointCorrect, a);
                if (a.Tiers.Length < 2)
                {
                    continue;
                }

                int[] rest = a.Tiers[1..];
                var restRungs = Enumerable.Range(0, rest.Length - 1).Select(r => Rung(GateFamily.Learned, rest.AsSpan(0, r + 1))).ToArray();
                double[] restThresholds = a.Thresholds[1..];
                var router = Router(a.Tiers[0]);
                foreach (double threshold in router.Grid)
                {
                    if (double.IsPositiveInfinity(threshold))
                    {
                        continue;
                    }

                    tried++;
                    var candidate = a with { Route = new RoutedPart(router.Model, router.Train, threshold, restRungs, restThresholds) };
                    var (correct, cost) = Score(candidate, questions);
                    if (front.Accepts(cost, correct))
                    {
                        front.Add(cost, correct, candidate);
                    }
                }
            }

            fronts.Add(front);
            progress?.Invoke((c + 1.0) / learnedFronts.Count);
        }

        return fronts;
    }

    private static CascadePolicy Policy(GateFamily family, Candidate c)
    {
        var scorers = c.Rungs.Select(r => r.Scorer).ToArray();
        if (c.Route is not { } route)
        {
            return new CascadePolicy(family, c.Tiers, c.Thresholds, scorers);
        }

        var skipped = new CascadePolicy(GateFamily.Learned, c.Tiers[1..], route.RestThresholds, route.RestRungs.Select(r => r.Scorer).ToArray());
        return new CascadePolicy(GateFamily.Learned, c.Tiers, c.Thresholds, scorers) { Router = new PromptRouter(route.Model, route.Threshold, skipped) };
    }

    /// <summary>The right answers and cost of a candidate on some train questions (out-of-fold scores for learned gates).</summary>
    private (int Correct, long Cost) Score(Candidate c, int[] questions)
    {
        int correct = 0;
        long cost = 0;
        foreach (int q in questions)
        {
            var (final, spent, _) = Walk(c, q);
            cost += spent;
            correct += _train.Correct[q][final] ? 1 : 0;
        }

        return (correct, cost);
    }

    /// <summary>Runs a candidate on one train question: the tier whose answer is kept, the cost and latency spent, and the rung (full numbering) it ended at.</summary>
    private (int Tier, long Cost, (long Latency, int Rung, bool Escalated) Detail) Walk(Candidate c, int q)
    {
        bool skip = c.Route is { } route && route.Scores[q] < route.Threshold;
        int offset = skip ? 1 : 0;
        var rungs = skip ? c.Route!.RestRungs : c.Rungs;
        var thresholds = skip ? c.Route!.RestThresholds : c.Thresholds;
        long cost = 0, latency = 0;
        int rung = 0;
        for (; rung < rungs.Length; rung++)
        {
            cost += _train.CostUnits[q][c.Tiers[rung + offset]];
            latency += _train.LatencyTicks[q][c.Tiers[rung + offset]];
            if (rungs[rung].Train[q] >= thresholds[rung])
            {
                break;
            }
        }

        if (rung == rungs.Length)
        {
            cost += _train.CostUnits[q][c.Tiers[rung + offset]];
            latency += _train.LatencyTicks[q][c.Tiers[rung + offset]];
        }

        return (c.Tiers[rung + offset], cost, (latency, rung + offset, rung > 0));
    }

    /// <summary>A candidate's outcome on the whole train split.</summary>
    private PolicyOutcome Outcome(Candidate c)
    {
        var resolved = new int[c.Tiers.Length];
        var latency = new long[_train.Count];
        int correct = 0, escalated = 0;
        long cost = 0;
        for (int q = 0; q < _train.Count; q++)
        {
            var (tier, spent, detail) = Walk(c, q);
            cost += spent;
            latency[q] = detail.Latency;
            resolved[detail.Rung]++;
            escalated += detail.Escalated ? 1 : 0;
            correct += _train.Correct[q][tier] ? 1 : 0;
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

    private long Enumerate(int[] tiers, RungScores[] rungs, ParetoFront front, int[] questions)
    {
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
            foreach (int q in questions)
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
                front.Add(cost, correct, new Candidate(tiers, rungs, [.. thresholds], null));
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

    /// <summary>
    /// Candidate thresholds of a rung: every distinct score when there are few, else the train quantiles
    /// 1/G … (G−1)/G plus <see cref="SearchOptions.ExtremeQuantiles"/> (so the front reaches policies that escalate
    /// almost everything), and always "never accept" (a probe).
    /// </summary>
    private double[] Grid(double[] scores) => Grid(scores, _options);

    /// <summary>The candidate thresholds of a rung whose train scores are <paramref name="scores"/>.</summary>
    internal static double[] Grid(double[] scores, SearchOptions options)
    {
        var distinct = scores.Distinct().Order().ToArray();
        IEnumerable<double> candidates;
        if (distinct.Length <= options.GridSize)
        {
            candidates = distinct.Skip(1);
        }
        else
        {
            var sorted = scores.Order().ToArray();
            candidates = Enumerable.Range(1, options.GridSize - 1).Select(i => (double)i / options.GridSize)
                .Concat(options.ExtremeQuantiles)
                .Select(share => sorted[Math.Min((int)(share * sorted.Length), sorted.Length - 1)])
                .Where(v => v > distinct[0]);
        }

        return candidates.Distinct().Order().Append(double.PositiveInfinity).ToArray();
    }

    private sealed record RungScores(IAnswerScorer Scorer, double[] Train, double[] Grid);

    /// <summary>A searched policy in train terms: tiers, each rung's train scores and threshold, and the optional router.</summary>
    private sealed record Candidate(int[] Tiers, RungScores[] Rungs, double[] Thresholds, RoutedPart? Route);

    /// <summary>The router of a routed candidate: its model, out-of-fold train scores, threshold, and the shorter cascade's rungs and thresholds.</summary>
    private sealed record RoutedPart(LogisticModel Model, double[] Scores, double Threshold, RungScores[] RestRungs, double[] RestThresholds);

    /// <summary>Non-dominated (cost, correct) candidates; an equal point found later does not replace the first (simpler) one.</summary>
    private sealed class ParetoFront
    {
        private readonly List<(long Cost, int Correct, Candidate Item)> _points = [];

        /// <summary>Gets the entries cheapest first.</summary>
        public IReadOnlyList<(long Cost, int Correct, Candidate Item)> Entries => _points.OrderBy(p => p.Cost).ThenByDescending(p => p.Correct).ToArray();

        public bool Accepts(long cost, int correct) => !_points.Any(p => p.Cost <= cost && p.Correct >= correct);

        public void Add(long cost, int correct, Candidate item)
        {
            if (!Accepts(cost, correct))
            {
                return;
            }

            _points.RemoveAll(p => p.Cost >= cost && p.Correct <= correct);
            _points.Add((cost, correct, item));
        }

        public ParetoFront Copy()
        {
            var copy = new ParetoFront();
            copy._points.AddRange(_points);
            return copy;
        }
    }
}
