using System.Numerics;
using Cascade.Evaluation.Learning;
using Cascade.Evaluation.Scoring;

namespace Cascade.Evaluation.Policies;

/// <summary>
/// Searches cascade policies on a train split: every ordered subset of the ladder up to <see cref="SearchOptions.MaxRungs"/>
/// rungs (so every start tier), every gate family, and every combination of per-rung thresholds drawn from the
/// train scores' quantiles (plus "never accept", which makes a rung a probe whose answer later rungs compare with).
/// Each family keeps a Pareto front on cost and a conservative score relative to the reference, and the front's
/// conservativeness and the operating point's margin are chosen by cross-validating the selection on train.
/// Only the train split is ever read: the result carries the fitted scorers and thresholds, ready for the test split.
/// </summary>
public sealed class PolicySearch
{
    private readonly ScoredSplit _train;
    private readonly IReadOnlyList<ScoredSplit> _auxiliary;
    private readonly SearchOptions _options;
    private readonly int[] _fold;
    private readonly bool[] _referenceRight;
    private readonly Dictionary<(GateFamily, int), RungScores> _rungs = [];
    private readonly Dictionary<int, (LogisticModel Model, double[] Train, double[] Grid)> _routers = [];
    private readonly Dictionary<(GateFamily Family, int Fold, double Z), (ParetoFront Front, long Tried)> _fronts = [];
    private double _z;

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

        int reference = BestSingleModel();
        _referenceRight = Enumerable.Range(0, train.Count).Select(q => train.Correct[q][reference]).ToArray();
    }

    /// <summary>The largest ladder the search accepts.</summary>
    public const int MaxLadder = 20;

    /// <summary>Gets the families the train split supports: the logprob gate only when every answer has a confidence.</summary>
    public IReadOnlyList<GateFamily> Families =>
        _options.Families ?? (_train.Dataset.HasLogprobs
            ? [GateFamily.Logprob, GateFamily.TextChecks, GateFamily.Agreement, GateFamily.Learned, GateFamily.Routed, GateFamily.Combined]
            : [GateFamily.TextChecks, GateFamily.Agreement, GateFamily.Learned, GateFamily.Routed, GateFamily.Combined]);

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
    /// Searches one family: the train front (ranked by the conservative score, see
    /// <see cref="SearchOptions.FrontStandardErrors"/>) and its operating point, whose margin over the reference is
    /// chosen by cross-validating the choice rule on train (<see cref="SearchOptions.CrossValidate"/>) or given by
    /// <see cref="SearchOptions.TrainAccuracyMarginPoints"/>.
    /// </summary>
    public FamilyCalibration Run(GateFamily family, Action<double>? progress = null)
    {
        int n = _train.Count;
        int[] all = Enumerable.Range(0, n).ToArray();
        int reference = BestSingleModel();
        double margin = -_options.TrainAccuracyMarginPoints;
        double heldOutDelta = double.NaN, heldOutRatio = double.NaN;
        GuaranteeChoice? guarantee = null;
        _z = _options.FrontStandardErrors;
        if (_options.CrossValidate)
        {
            (_z, margin, heldOutDelta, heldOutRatio, guarantee) = CrossValidate(family, reference, share => progress?.Invoke(share * 0.85));
        }

        var front = Front(family, all, out long tried, share => progress?.Invoke(_options.CrossValidate ? 0.85 + (share / 10) : share));

        var entries = front.Entries;
        var points = entries.Select(e => new FrontPoint(Policy(family, e.Item), Outcome(e.Item)) { ConservativeCorrect = e.Score }).ToArray();
        int referenceCorrect = CorrectOf(reference, all);
        int index = Choose(entries, referenceCorrect, n, margin);
        var result = new FamilyCalibration(family, points, points[index], tried)
        {
            MarginPoints = margin,
            FrontStandardErrors = _z,
            HeldOutAccuracyDeltaPoints = heldOutDelta,
            HeldOutCostRatio = heldOutRatio,
        };
        if (guarantee is { } g)
        {
            result = result with
            {
                Guaranteed = g.Rule is { } rule ? GuaranteedPoint(family, rule.Z, rule.Margin, referenceCorrect) : ReferencePoint(family, reference),
                GuaranteeIsReference = g.Rule is null,
                GuaranteeFrontStandardErrors = g.Rule?.Z ?? double.NaN,
                GuaranteeMarginPoints = g.Rule?.Margin ?? double.NaN,
                GuaranteeBoundPoints = g.Rule?.Bound ?? double.NaN,
                GuaranteeHeldOutCostRatio = g.Rule?.CostRatio ?? 1,
                GuaranteeRulesTested = g.Tested,
            };
        }

        progress?.Invoke(1);
        return result;
    }

    /// <summary>The cheapest front policy, on the front of all train with <paramref name="z"/> standard errors, that clears the reference by <paramref name="margin"/> points.</summary>
    private FrontPoint GuaranteedPoint(GateFamily family, double z, double margin, int referenceCorrect)
    {
        double saved = _z;
        _z = z;
        var entries = Front(family, Enumerable.Range(0, _train.Count).ToArray(), out _).Entries;
        var entry = entries[Choose(entries, referenceCorrect, _train.Count, margin)];
        _z = saved;
        return new FrontPoint(Policy(family, entry.Item), Outcome(entry.Item)) { ConservativeCorrect = entry.Score };
    }

    /// <summary>The reference alone, as a one-rung policy.</summary>
    private FrontPoint ReferencePoint(GateFamily family, int reference) =>
        new(new CascadePolicy(family == GateFamily.Combined ? GateFamily.Learned : family, [reference], [], []), PolicyRunner.Single(_train, reference));

    /// <summary>The margins (conservative train accuracy minus the reference's, in points) the cross-validation tries for the operating point.</summary>
    public static IReadOnlyList<double> CandidateMargins { get; } = [-3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3, 4];

    /// <summary>
    /// Cross-validates the front's conservativeness and the operating-point rule on train: per fold and per candidate
    /// <see cref="SearchOptions.FrontStandardErrorsCandidates"/> value, the front is searched on the other folds and,
    /// for every candidate margin, the cheapest front policy at that margin is scored on the held-out fold against
    /// the reference. Keeps the cheapest (standard errors, margin) whose pooled held-out accuracy is within
    /// <see cref="SearchOptions.CrossValidatedTolerancePoints"/> of the reference's (else the most accurate one):
    /// the margin is the rule's optimism, estimated out of sample.
    /// </summary>
    private (double Z, double Margin, double DeltaPoints, double CostRatio, GuaranteeChoice Guarantee) CrossValidate(GateFamily family, int reference, Action<double> progress)
    {
        var margins = CandidateMargins;
        var zs = _options.FrontStandardErrorsCandidates;
        var delta = new long[zs.Count, margins.Count];
        var cost = new long[zs.Count, margins.Count];
        var losses = new int[zs.Count, margins.Count][];
        for (int z = 0; z < zs.Count; z++)
        {
            for (int m = 0; m < margins.Count; m++)
            {
                losses[z, m] = new int[_train.Count];
            }
        }

        long referenceCost = _train.CostUnits.Sum(c => c[reference]);
        for (int z = 0; z < zs.Count; z++)
        {
            _z = zs[z];
            for (int fold = 0; fold < _options.Folds; fold++)
            {
                int[] inFold = Enumerable.Range(0, _train.Count).Where(q => _fold[q] != fold).ToArray();
                int[] heldOut = Enumerable.Range(0, _train.Count).Where(q => _fold[q] == fold).ToArray();
                var entries = Front(family, inFold, out _, null, fold).Entries;
                int referenceIn = CorrectOf(reference, inFold);
                for (int m = 0; m < margins.Count; m++)
                {
                    var candidate = entries[Choose(entries, referenceIn, inFold.Length, margins[m])].Item;
                    foreach (int q in heldOut)
                    {
                        var (tier, spent, _) = Walk(candidate, q);
                        int loss = (_referenceRight[q] ? 1 : 0) - (_train.Correct[q][tier] ? 1 : 0);
                        losses[z, m][q] = loss;
                        delta[z, m] -= loss;
                        cost[z, m] += spent;
                    }
                }

                progress(((z * _options.Folds) + fold + 1.0) / (zs.Count * _options.Folds));
            }
        }

        double tolerance = _options.CrossValidatedTolerancePoints / 100;
        (int Z, int M)? best = null;
        (int Z, int M) mostAccurate = (0, margins.Count - 1);
        for (int z = 0; z < zs.Count; z++)
        {
            for (int m = margins.Count - 1; m >= 0; m--)
            {
                if (delta[z, m] > delta[mostAccurate.Z, mostAccurate.M])
                {
                    mostAccurate = (z, m);
                }

                if ((double)delta[z, m] / _train.Count >= -tolerance - 1e-12 && (best is not { } b || cost[z, m] < cost[b.Z, b.M]))
                {
                    best = (z, m);
                }
            }
        }

        double Ratio(int z, int m) => referenceCost == 0 ? 0 : (double)cost[z, m] / referenceCost;
        var rules = new List<(IReadOnlyList<int> Losses, double CostRatio)>();
        var keys = new List<(int Z, int M)>();
        // The guarantee's fixed sequence, set before any loss is read: the most demanding rule first (largest margin,
        // then most standard errors), each step a little less demanding.
        foreach (int m in Enumerable.Range(0, margins.Count).OrderByDescending(m => margins[m]))
        {
            foreach (int z in Enumerable.Range(0, zs.Count).OrderByDescending(z => zs[z]))
            {
                rules.Add((losses[z, m], Ratio(z, m)));
                keys.Add((z, m));
            }
        }

        int? certified = RiskGuarantee.Certify(rules, _options.GuaranteeConfidence, _options.GuaranteeTolerancePoints, _options.GuaranteeSampleSize ?? 0, out double[] bounds);
        var guarantee = new GuaranteeChoice(
            certified is { } c ? (zs[keys[c].Z], margins[keys[c].M], bounds[c], rules[c].CostRatio) : null,
            bounds.Count(b => !double.IsNaN(b)));

        var (zi, mi) = best ?? mostAccurate;
        return (zs[zi], margins[mi], 100.0 * delta[zi, mi] / _train.Count, Ratio(zi, mi), guarantee);
    }

    /// <summary>The rule the guarantee certified (<see langword="null"/>: keep the reference) and how many rules its sequence tested.</summary>
    private sealed record GuaranteeChoice((double Z, double Margin, double Bound, double CostRatio)? Rule, int Tested);

    /// <summary>The index of the cheapest entry whose conservative score on the searched questions is at least the reference's right answers plus <paramref name="marginPoints"/>, else the best-scoring one.</summary>
    private static int Choose(IReadOnlyList<FrontEntry> entries, int referenceCorrect, int questions, double marginPoints)
    {
        double target = referenceCorrect + (marginPoints / 100 * questions) - 1e-9;
        int best = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            if (entries[i].Score >= target)
            {
                return i;
            }

            if (entries[i].Score > entries[best].Score)
            {
                best = i;
            }
        }

        return best;
    }

    private int CorrectOf(int model, int[] questions) => questions.Count(q => _train.Correct[q][model]);

    /// <summary>Searches a family's front on some train questions.</summary>
    private ParetoFront Front(GateFamily family, int[] questions, out long tried, Action<double>? progress = null, int fold = -1)
    {
        if (_fronts.TryGetValue((family, fold, _z), out var cached))
        {
            tried = cached.Tried;
            progress?.Invoke(1);
            return cached.Front;
        }

        if (family is GateFamily.Routed or GateFamily.Combined)
        {
            var built = family == GateFamily.Routed ? RoutedFront(questions, fold, out tried, progress) : CombinedFront(questions, fold, out tried, progress);
            _fronts[(family, fold, _z)] = (built, tried);
            return built;
        }

        int models = _train.Models.Count;
        int maxRungs = Math.Min(_options.MaxRungs, models > 6 ? 3 : models);
        var subsets = Enumerable.Range(1, (1 << models) - 1)
            .Where(mask => BitOperations.PopCount((uint)mask) <= maxRungs)
            .OrderBy(mask => BitOperations.PopCount((uint)mask))
            .ThenBy(mask => mask)
            .ToArray();
        var front = new ParetoFront();
        tried = 0;
        for (int s = 0; s < subsets.Length; s++)
        {
            int[] tiers = Enumerable.Range(0, models).Where(m => (subsets[s] & (1 << m)) != 0).ToArray();
            var rungs = new RungScores[tiers.Length - 1];
            for (int r = 0; r < rungs.Length; r++)
            {
                rungs[r] = Rung(family, tiers.AsSpan(0, r + 1));
            }

            tried += Enumerate(family, tiers, rungs, front, questions);
            progress?.Invoke((s + 1.0) / subsets.Length);
        }

        _fronts[(family, fold, _z)] = (front, tried);
        return front;
    }

    /// <summary>The union of the other families' fronts on the same questions, as one front.</summary>
    private ParetoFront CombinedFront(int[] questions, int fold, out long tried, Action<double>? progress)
    {
        var families = Families.Where(f => f != GateFamily.Combined).ToArray();
        var front = new ParetoFront();
        tried = 0;
        for (int i = 0; i < families.Length; i++)
        {
            var entries = Front(families[i], questions, out long n, null, fold).Entries;
            foreach (var entry in entries)
            {
                front.Add(entry);
            }

            tried += n;
            progress?.Invoke((i + 1.0) / families.Length);
        }

        return front;
    }

    /// <summary>
    /// Puts a learned prompt router in front of each learned front policy: below the router's threshold a request
    /// skips the first rung and runs the rest of the cascade with the scorers of that shorter ladder.
    /// </summary>
    private ParetoFront RoutedFront(int[] questions, int fold, out long tried, Action<double>? progress)
    {
        var learned = Front(GateFamily.Learned, questions, out _, null, fold).Entries;
        var front = new ParetoFront();
        tried = 0;
        for (int i = 0; i < learned.Count; i++)
        {
            var entry = learned[i];
            front.Add(entry);
            var a = entry.Item;
            if (a.Tiers.Length >= 2)
            {
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
                    var (correct, cost, discordant) = Score(candidate, questions);
                    front.Add(new FrontEntry(cost, correct, Conservative(correct, discordant), candidate));
                }
            }

            progress?.Invoke((i + 1.0) / learned.Count);
        }

        return front;
    }

    /// <summary>
    /// The conservative score of a policy: its right answers minus <see cref="SearchOptions.FrontStandardErrors"/>
    /// standard errors of its paired difference with the reference (the square root of the questions on which
    /// exactly one of the two is right). A policy that agrees with the reference everywhere scores its plain count.
    /// </summary>
    private double Conservative(int correct, int discordant) => correct - (_z * Math.Sqrt(discordant));

    private static CascadePolicy Policy(GateFamily family, Candidate c)
    {
        var scorers = c.Rungs.Select(r => r.Scorer).ToArray();
        if (c.Route is not { } route)
        {
            return new CascadePolicy(family == GateFamily.Combined ? c.Family : family, c.Tiers, c.Thresholds, scorers);
        }

        var skipped = new CascadePolicy(GateFamily.Learned, c.Tiers[1..], route.RestThresholds, route.RestRungs.Select(r => r.Scorer).ToArray());
        return new CascadePolicy(GateFamily.Learned, c.Tiers, c.Thresholds, scorers) { Router = new PromptRouter(route.Model, route.Threshold, skipped) };
    }

    /// <summary>The right answers, cost and discordances with the reference of a candidate on some train questions (out-of-fold scores for learned gates).</summary>
    private (int Correct, long Cost, int Discordant) Score(Candidate c, int[] questions)
    {
        int correct = 0, discordant = 0;
        long cost = 0;
        foreach (int q in questions)
        {
            var (final, spent, _) = Walk(c, q);
            cost += spent;
            bool right = _train.Correct[q][final];
            correct += right ? 1 : 0;
            discordant += right != _referenceRight[q] ? 1 : 0;
        }

        return (correct, cost, discordant);
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

    private long Enumerate(GateFamily family, int[] tiers, RungScores[] rungs, ParetoFront front, int[] questions)
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

            int correct = 0, discordant = 0;
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

                bool right = _train.Correct[q][tiers[rung]];
                correct += right ? 1 : 0;
                discordant += right != _referenceRight[q] ? 1 : 0;
            }

            tried++;
            double score = Conservative(correct, discordant);
            if (front.Accepts(cost, score))
            {
                front.Add(new FrontEntry(cost, correct, score, new Candidate(family, tiers, rungs, [.. thresholds], null)));
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
    private sealed record Candidate(GateFamily Family, int[] Tiers, RungScores[] Rungs, double[] Thresholds, RoutedPart? Route);

    /// <summary>The router of a routed candidate: its model, out-of-fold train scores, threshold, and the shorter cascade's rungs and thresholds.</summary>
    private sealed record RoutedPart(LogisticModel Model, double[] Scores, double Threshold, RungScores[] RestRungs, double[] RestThresholds);

    /// <summary>A front entry: cost and right answers on the searched questions, the conservative score the front ranks by, and the candidate.</summary>
    private sealed record FrontEntry(long Cost, int Correct, double Score, Candidate Item);

    /// <summary>Non-dominated (cost, conservative score) candidates; an equal point found later does not replace the first (simpler) one.</summary>
    private sealed class ParetoFront
    {
        private readonly List<FrontEntry> _points = [];

        /// <summary>Gets the entries cheapest first.</summary>
        public IReadOnlyList<FrontEntry> Entries => _points.OrderBy(p => p.Cost).ThenByDescending(p => p.Score).ToArray();

        public bool Accepts(long cost, double score) => !_points.Any(p => p.Cost <= cost && p.Score >= score);

        public void Add(FrontEntry entry)
        {
            if (!Accepts(entry.Cost, entry.Score))
            {
                return;
            }

            _points.RemoveAll(p => p.Cost >= entry.Cost && p.Score <= entry.Score);
            _points.Add(entry);
        }
    }
}
