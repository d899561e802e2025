using Cascade.Evaluation.Policies;
using Cascade.Evaluation.Scoring;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.Evaluation.Replay;

/// <summary>
/// Replays a policy through the production middleware: a <c>UseCascade</c> pipeline whose tiers are
/// <see cref="ReplayChatClient"/>s priced with the split's <see cref="Data.ModelPricing"/> and gated by
/// <see cref="PolicyGate"/>s. Cost comes from each response's <see cref="CascadeRoute"/>, as a user would read it.
/// </summary>
public static class CascadeReplay
{
    /// <summary>Replays a policy over a split.</summary>
    /// <param name="policy">The policy (searched on train).</param>
    /// <param name="split">The split to replay.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The outcome, the cost summed from the routes, and per question the rung whose answer the cascade kept.</returns>
    public static async Task<(PolicyOutcome Outcome, decimal RouteCost, int[] FinalRung)> RunAsync(CascadePolicy policy, ScoredSplit split, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(split);
        var gates = PolicyGate.For(policy, split.Dataset.Task);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ladder = new CascadeLadder();
        for (int rung = 0; rung < policy.Tiers.Count - 1; rung++)
        {
            int tier = policy.Tiers[rung];
            ladder.Add(split.Models[tier], new ReplayChatClient(split, tier, clock), split.Pricing[tier].Price, gates[rung]);
        }

        int last = policy.Tiers[^1];
        ladder.FinalTierName = split.Models[last];
        ladder.FinalTierPrice = split.Pricing[last].Price;
        // The default ceiling of three model calls would cut a four- or five-rung policy short: allow one call per rung.
        var names = policy.Tiers.Select(t => split.Models[t]).ToList();
        using IChatClient cascade = new ChatClientBuilder(new ReplayChatClient(split, last, clock))
            .UseCascade(ladder, c =>
            {
                // Up-front routing: the policy's router decides, through the planner's own-classifier hook.
                if (policy.Router is { } router)
                {
                    c.Planner.Classifier = (messages, _) =>
                        messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text is { } prompt && router.Skips(prompt)
                            ? new RouteDecision(RouteMode.Upfront, names[1], router.Score(prompt), "router: first rung unlikely to be right")
                            : null;
                }

                c.DefaultLimits = new RequestLimits { MaxModelCalls = Math.Max(policy.Tiers.Count, RequestLimits.Default.MaxModelCalls) };
                c.TimeProvider = clock;

                // The production invoker (Polly retry, circuit breaker, attempt timeout on the same clock), as AddCascade wires it.
                c.Invoker = new ResilientTierInvoker(timeProvider: clock);
            })
            .Build();

        var resolved = new int[policy.Tiers.Count];
        var finalRung = new int[split.Count];
        var latency = new long[split.Count];
        int correct = 0, escalated = 0;
        decimal cost = 0;
        for (int q = 0; q < split.Count; q++)
        {
            var question = split.Dataset.Questions[q];
            List<ChatMessage> messages = question.SystemPrompt is { Length: > 0 } system
                ? [new(ChatRole.System, system), new(ChatRole.User, question.Prompt)]
                : [new(ChatRole.User, question.Prompt)];
            var options = new ChatOptions { AdditionalProperties = new() { [ReplayChatClient.QuestionKey] = q } };
            var response = await cascade.GetResponseAsync(messages, options, cancellationToken);
            var route = response.GetCascadeRoute() ?? throw new InvalidOperationException("The cascade returned no route.");
            int rung = names.IndexOf(route.ResolvedTier ?? string.Empty);
            if (rung < 0)
            {
                throw new InvalidOperationException($"Question {q}: the cascade resolved at '{route.ResolvedTier}', not a tier of the policy ({string.Join(", ", names)}).");
            }

            cost += route.TotalCost;
            latency[q] = route.Attempts.Sum(a => a.Duration.Ticks);
            resolved[rung]++;
            finalRung[q] = rung;
            escalated += route.Escalations > 0 ? 1 : 0;
            correct += split.Correct[q][policy.Tiers[rung]] ? 1 : 0;
        }

        long units = decimal.ToInt64(cost * ScoredSplit.UnitsPerDollar);
        return (new PolicyOutcome(split.Count, correct, units, resolved, escalated, latency), cost, finalRung);
    }
}
