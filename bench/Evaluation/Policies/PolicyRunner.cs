using Cascade.Evaluation.Scoring;

namespace Cascade.Evaluation.Policies;

/// <summary>Runs a policy over a scored split, question by question, the way the cascade would.</summary>
public static class PolicyRunner
{
    /// <summary>Runs a policy and returns its outcome.</summary>
    public static PolicyOutcome Run(CascadePolicy policy, ScoredSplit split) => Run(policy, split, out _);

    /// <summary>Runs a policy; <paramref name="finalRung"/> gets, per question, the rung whose answer was kept.</summary>
    /// <remarks>A routed question that skips the first rung counts its rungs in the full policy's numbering.</remarks>
    public static PolicyOutcome Run(CascadePolicy root, ScoredSplit split, out int[] finalRung)
    {
        var resolved = new int[root.Tiers.Count];
        finalRung = new int[split.Count];
        int correct = 0, escalated = 0;
        long cost = 0;
        var earlier = new List<AnswerSignals>(root.Tiers.Count);
        var latency = new long[split.Count];
        var right = new bool[split.Count];
        var spent = new long[split.Count];
        for (int q = 0; q < split.Count; q++)
        {
            earlier.Clear();
            var policy = root.For(split.Dataset.Questions[q].Prompt);
            int offset = root.Tiers.Count - policy.Tiers.Count;
            for (int rung = 0; rung < policy.Tiers.Count; rung++)
            {
                int tier = policy.Tiers[rung];
                cost += split.CostUnits[q][tier];
                spent[q] += split.CostUnits[q][tier];
                latency[q] += split.LatencyTicks[q][tier];
                var signals = split.Signals[q][tier];
                bool last = rung == policy.Tiers.Count - 1;
                if (last || policy.Accepts(rung, policy.Scorers[rung].Score(signals, earlier)))
                {
                    resolved[rung + offset]++;
                    finalRung[q] = rung + offset;
                    correct += split.Correct[q][tier] ? 1 : 0;
                    right[q] = split.Correct[q][tier];
                    escalated += rung > 0 ? 1 : 0;
                    break;
                }

                earlier.Add(signals);
            }
        }

        return new PolicyOutcome(split.Count, correct, cost, resolved, escalated, latency) { RightPerQuestion = right, CostUnitsPerQuestion = spent };
    }

    /// <summary>Gets the outcome of always calling one model.</summary>
    public static PolicyOutcome Single(ScoredSplit split, int model)
    {
        int correct = 0;
        long cost = 0;
        for (int q = 0; q < split.Count; q++)
        {
            correct += split.Correct[q][model] ? 1 : 0;
            cost += split.CostUnits[q][model];
        }

        return new PolicyOutcome(split.Count, correct, cost, [split.Count], 0, split.LatencyTicks.Select(l => l[model]).ToArray())
        {
            RightPerQuestion = split.Correct.Select(c => c[model]).ToArray(),
            CostUnitsPerQuestion = split.CostUnits.Select(c => c[model]).ToArray(),
        };
    }

    /// <summary>
    /// Gets the oracle's outcome: each question answered by the cheapest model that gets it right, paying that one
    /// call only; a question no model gets right pays the cheapest call and counts as wrong.
    /// </summary>
    /// <param name="split">The split.</param>
    /// <param name="resolvedPerModel">How many questions each model resolved.</param>
    public static PolicyOutcome Oracle(ScoredSplit split, out int[] resolvedPerModel)
    {
        resolvedPerModel = new int[split.Models.Count];
        int correct = 0;
        long cost = 0;
        var latency = new long[split.Count];
        for (int q = 0; q < split.Count; q++)
        {
            int best = -1;
            int cheapest = 0;
            for (int m = 0; m < split.Models.Count; m++)
            {
                if (split.CostUnits[q][m] < split.CostUnits[q][cheapest])
                {
                    cheapest = m;
                }

                if (split.Correct[q][m] && (best < 0 || split.CostUnits[q][m] < split.CostUnits[q][best]))
                {
                    best = m;
                }
            }

            int chosen = best >= 0 ? best : cheapest;
            resolvedPerModel[chosen]++;
            cost += split.CostUnits[q][chosen];
            latency[q] = split.LatencyTicks[q][chosen];
            correct += best >= 0 ? 1 : 0;
        }

        return new PolicyOutcome(split.Count, correct, cost, resolvedPerModel, 0, latency);
    }
}
