using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// Named recipes that reproduce the source articles' cascades, as configuration (<c>Cascade:Preset</c>) or as ladders in code.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>name</term><description>what it sets on every tier below the last that has no gates of its own</description></listheader>
/// <item><term><c>three-tier</c></term><description>cut-off, <c>UNSURE:</c> self-reported doubt (instruction added, marker stripped), and
/// hedging (rejects at two or more of "i'm not sure", "i think", "it depends", "possibly", "i don't have enough",
/// "i cannot determine"); the same doubt and hedging checks judge the first sentence of a tier that streams with early
/// reject. Put a <c>regex-faq</c> tier first for the article's free first tier.</description></item>
/// <item><term><c>self-evaluation</c></term><description>cut-off, then a judge (the first model tier) scoring accuracy,
/// completeness and clarity 1 to 5 with an overall score and a <c>should_escalate</c> flag; the answer is kept at overall
/// ≥ 3.5 with no escalation flag.</description></item>
/// </list>
/// </remarks>
public static class CascadePresets
{
    /// <summary>The regex FAQ → small model → large model cascade with the <c>UNSURE:</c> and hedging rules.</summary>
    public const string ThreeTier = "three-tier";

    /// <summary>The cascade whose answers a judge model scores against a rubric.</summary>
    public const string SelfEvaluation = "self-evaluation";

    /// <summary>Gets the preset names.</summary>
    public static IReadOnlyList<string> Names { get; } = [ThreeTier, SelfEvaluation];

    /// <summary>Applies a preset to configured tiers: each tier below the last without gates gets the preset's gates.</summary>
    /// <exception cref="ArgumentException">The preset is unknown; the message lists the known ones.</exception>
    public static void Apply(string preset, IList<TierOptions> tiers, IReadOnlySet<string>? freeKinds = null)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        freeKinds ??= CascadeOptionsValidator.FreeKinds;
        List<TierOptions> modelTiers = tiers.Take(tiers.Count - 1).Where(t => !freeKinds.Contains(t.Kind)).ToList();
        switch (preset.Trim().ToLowerInvariant())
        {
            case ThreeTier:
                foreach (TierOptions tier in modelTiers.Where(t => t.Gates.Count == 0))
                {
                    tier.Gates = [new GateOptions { Kind = CutOffGate.Kind }, new GateOptions { Kind = SelfDoubtGate.Kind }, new GateOptions { Kind = HedgingGate.Kind }];
                    if (tier.PrefixGates.Count == 0)
                    {
                        tier.PrefixGates = [new GateOptions { Kind = SelfDoubtGate.Kind }, new GateOptions { Kind = HedgingGate.Kind }];
                    }
                }

                break;
            case SelfEvaluation:
                string? judge = tiers.FirstOrDefault(t => !freeKinds.Contains(t.Kind))?.Name;
                foreach (TierOptions tier in modelTiers.Where(t => t.Gates.Count == 0))
                {
                    tier.Gates =
                    [
                        new GateOptions { Kind = CutOffGate.Kind },
                        new GateOptions { Kind = JudgeGate.Kind, Settings = new(StringComparer.OrdinalIgnoreCase) { ["Tier"] = judge, ["AcceptAtOverall"] = "3.5" } },
                    ];
                }

                break;
            default:
                throw new ArgumentException($"Cascade:Preset '{preset}' is not a preset; known presets: {string.Join(", ", Names)}.", nameof(preset));
        }
    }

    /// <summary>Builds the three-tier ladder in code: a regex FAQ, then <paramref name="small"/> gated by doubt and hedging; the inner client is the large model.</summary>
    /// <param name="faq">The FAQ entries.</param>
    /// <param name="small">The small model's client.</param>
    /// <param name="smallPrice">The small model's price.</param>
    /// <param name="smallName">The small tier's name.</param>
    public static CascadeLadder ThreeTierLadder(IEnumerable<FaqEntry> faq, IChatClient small, PriceTable smallPrice, string smallName = "small")
    {
        var faqClient = new RegexFaqChatClient(faq);
        return new CascadeLadder()
            .Add(new CascadeRung(new Tier("faq", [new Deployment("faq", RegexFaqChatClient.ProviderName, RegexFaqChatClient.ProviderName, faqClient, PriceTable.Free)])))
            .Add(new CascadeRung(CascadeLadder.SingleDeploymentTier(smallName, small, smallPrice), [new CutOffGate(), new SelfDoubtGate(), new HedgingGate()])
            {
                PrefixGates = [new SelfDoubtGate(), new HedgingGate()],
            });
    }

    /// <summary>Builds the self-evaluation ladder in code: <paramref name="small"/> judged by <paramref name="judge"/>; the inner client is the large model.</summary>
    /// <param name="small">The small model's client.</param>
    /// <param name="smallPrice">The small model's price.</param>
    /// <param name="judge">The tier that judges (often the small model itself).</param>
    /// <param name="invoker">How the judge is called.</param>
    /// <param name="smallName">The small tier's name.</param>
    public static CascadeLadder SelfEvaluationLadder(IChatClient small, PriceTable smallPrice, Tier judge, ITierInvoker? invoker = null, string smallName = "small") =>
        new CascadeLadder().Add(new CascadeRung(
            CascadeLadder.SingleDeploymentTier(smallName, small, smallPrice),
            [new CutOffGate(), new JudgeGate(new JudgeGateOptions { Tier = judge, AcceptAtOverall = 3.5 }, invoker ?? new DirectTierInvoker())]));
}
