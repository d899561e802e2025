using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// Decides, once per request and before any call, where it begins on a cascade's ladder.
/// </summary>
/// <remarks>
/// <para>In order: a tier the caller pinned (nothing else applies); a pattern-table tier (<see cref="Tier.Matcher"/>)
/// whose pattern matches; with <see cref="Upfront"/> set, the classifier's tier when it is confident, else the
/// workload's start tier. A workload whose start tier usually escalates then starts higher (a small share still probes
/// the tier below), whichever way its tier was chosen; last, the start moves up to the first tier whose context window
/// holds the prompt. Pattern-table tiers a request starts at but does not match are skipped with no attempt.</para>
/// <para>The router asks <see cref="Overflow"/> the same question before it admits a request, so a prompt no tier can
/// hold is refused in one place, by one rule.</para>
/// </remarks>
public sealed class StartPlanner
{
    private readonly IReadOnlyList<CascadeRung> _rungs;
    private readonly IDictionary<string, string> _workloadStartTiers;
    private readonly string[] _tierNames;
    private readonly int _leadingTables;
    private UpfrontClassifier? _classifier;

    internal StartPlanner(IReadOnlyList<CascadeRung> rungs, IDictionary<string, string> workloadStartTiers)
    {
        _rungs = rungs;
        _workloadStartTiers = workloadStartTiers;
        _tierNames = rungs.Select(r => r.Name).ToArray();
        while (_leadingTables < rungs.Count - 1 && rungs[_leadingTables].Tier.Matcher is not null)
        {
            _leadingTables++;
        }
    }

    /// <summary>Gets or sets up-front routing: how requests are classified before the cascade; <see langword="null"/> classifies none.</summary>
    /// <value>The default value is <see langword="null"/>: every request starts at its workload's start tier.</value>
    public UpfrontRoutingOptions? Upfront
    {
        get;
        set
        {
            field = value;
            _classifier = value is null ? null : new UpfrontClassifier(value);
        }
    }

    /// <summary>
    /// Gets or sets a classifier of the caller's own (a learned router, a replayed decision): when it returns a decision whose
    /// tier is on the ladder, the request starts there instead of where <see cref="Upfront"/> would send it; workload
    /// promotion and the context fit still apply, and the request still escalates. <see langword="null"/> from it falls
    /// through to <see cref="Upfront"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no classifier of the caller's.</value>
    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, RouteDecision?>? Classifier { get; set; }

    /// <summary>Gets or sets the workload statistics that promote a workload's start tier; <see langword="null"/> promotes none.</summary>
    public WorkloadTracker? Workloads { get; set; }

    /// <summary>Decides where a request begins.</summary>
    /// <param name="messages">The request's messages.</param>
    /// <param name="options">The request's options, with its <see cref="CascadeOptionKeys"/> values.</param>
    /// <param name="cancellationToken">The token.</param>
    /// <returns>The start rung, the decision the route records, and whether the request is pinned, probes or is answered by a pattern.</returns>
    /// <exception cref="InvalidCascadeRequestException">The pinned tier is not on the ladder, or no tier's context window holds the prompt.</exception>
    public async ValueTask<StartPlan> PlanAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (CascadeRequestOptions.PinnedTier(options) is { } pinned)
        {
            int index = IndexOf(pinned);
            if (index < 0)
            {
                throw new InvalidCascadeRequestException($"Tier '{pinned}' is not on the ladder; known tiers: {string.Join(", ", _tierNames)}.", nameof(options));
            }

            return new StartPlan(index, new RouteDecision(RouteMode.Pinned, _rungs[index].Name, Reason: "pinned by the caller"), Pinned: true, Probe: false, Faq: null);
        }

        string? workload = CascadeRequestOptions.Workload(options);
        RouteDecision decision;
        if (Classifier?.Invoke(messages, options) is { } own && IndexOf(own.StartTier) >= 0)
        {
            decision = own;
        }
        else if (_classifier is { } classifier)
        {
            (decision, FaqEntry? matched) = Classify(classifier, messages, workload);
            if (matched is not null && Fit(IndexOf(decision.StartTier), messages, options) == IndexOf(decision.StartTier))
            {
                return new StartPlan(IndexOf(decision.StartTier), decision, Pinned: false, Probe: false, matched);
            }
        }
        else
        {
            decision = new RouteDecision(RouteMode.Cascade, ConfiguredStart(workload) ?? _rungs[0].Name);
        }

        (decision, bool probe) = await PromoteAsync(decision, workload, cancellationToken);
        int start = Fit(IndexOf(decision.StartTier), messages, options);
        if (start != IndexOf(decision.StartTier))
        {
            decision = decision with { StartTier = _rungs[start].Name, Reason = $"the prompt does not fit tier '{decision.StartTier}'" };
        }

        return MatchTables(start, decision, probe, messages);
    }

    /// <summary>Tells whether a prompt is larger than every context window it may be sent to.</summary>
    /// <param name="messages">The request's messages.</param>
    /// <param name="options">The request's options.</param>
    /// <param name="pinnedTier">The tier the request is pinned to, or <see langword="null"/> for the whole ladder.</param>
    /// <returns>The overflow, or <see langword="null"/> when some tier can hold the prompt (or a window is unknown).</returns>
    public ContextOverflow? Overflow(IReadOnlyList<ChatMessage> messages, ChatOptions? options, string? pinnedTier = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        int?[] windows = _rungs
            .Where(r => pinnedTier is null || string.Equals(r.Name, pinnedTier, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Tier.ContextWindow)
            .ToArray();
        if (windows.Length == 0 || windows.Any(w => w is null))
        {
            return null;
        }

        int largest = windows.Max()!.Value;
        if (CallCostEstimator.ByteBound(messages, options) <= largest)
        {
            return null;
        }

        long tokens = TokenCounter.Default.CountInput(messages, options);
        return tokens > largest ? new ContextOverflow(tokens, largest, pinnedTier) : null;
    }

    /// <summary>The up-front classification: a pattern match first, then the classifier over the model tiers.</summary>
    private (RouteDecision Decision, FaqEntry? Matched) Classify(UpfrontClassifier classifier, IReadOnlyList<ChatMessage> messages, string? workload)
    {
        string? miss = null;
        for (int i = 0; i < _leadingTables; i++)
        {
            if (_rungs[i].Tier.Matcher!.TryMatch(messages) is { } entry)
            {
                return (new RouteDecision(RouteMode.Upfront, _rungs[i].Name, 1.0, $"FAQ pattern '{entry.Pattern}' matched"), entry);
            }

            miss = $"no pattern of '{_rungs[i].Name}' matched";
        }

        List<string> modelTiers = _rungs.Skip(_leadingTables).Where(r => r.Tier.Matcher is null).Select(r => r.Name).ToList();
        (string tier, double confidence, string reason) = classifier.Classify(RequestFeatures.From(messages, workload), modelTiers);
        if (IndexOf(tier) < 0)
        {
            throw new InvalidOperationException($"Up-front routing chose tier '{tier}', which is not on the ladder ({string.Join(", ", _tierNames)}).");
        }

        if (miss is not null)
        {
            reason = $"{miss}; {reason}";
        }

        if (confidence >= Upfront!.ConfidenceThreshold)
        {
            return (new RouteDecision(RouteMode.Upfront, tier, confidence, reason), null);
        }

        string start = ConfiguredStart(workload) ?? modelTiers[0];
        if (_rungs[IndexOf(start)].Tier.Matcher is not null)
        {
            start = modelTiers[0];
        }

        return (new RouteDecision(RouteMode.Cascade, start, confidence, $"ambiguous: {reason} suggests '{tier}' below the {Upfront.ConfidenceThreshold:0.##} threshold"), null);
    }

    /// <summary>Raises the start of a workload whose start tier usually escalates, however the tier was chosen.</summary>
    private async ValueTask<(RouteDecision Decision, bool Probe)> PromoteAsync(RouteDecision decision, string? workload, CancellationToken cancellationToken)
    {
        if (workload is null || Workloads is null)
        {
            return (decision, false);
        }

        StartTierChoice choice = await Workloads.ChooseStartTierAsync(workload, _tierNames, decision.StartTier, cancellationToken);
        if (string.Equals(choice.Tier, decision.StartTier, StringComparison.OrdinalIgnoreCase))
        {
            return (decision, choice.Probe);
        }

        // A classified request keeps the classifier's reason: the route shows both why it was sent there and why higher.
        string? reason = decision.Mode == RouteMode.Upfront && decision.Reason is not null ? $"{decision.Reason}; {choice.Reason}" : choice.Reason;
        return (decision with { StartTier = choice.Tier, Reason = reason }, choice.Probe);
    }

    /// <summary>Asks the pattern-table tiers at the start once: a match answers from one, a miss starts at the next tier with no attempt.</summary>
    private StartPlan MatchTables(int start, RouteDecision decision, bool probe, IReadOnlyList<ChatMessage> messages)
    {
        while (start < _rungs.Count - 1 && _rungs[start].Tier.Matcher is { } matcher)
        {
            if (matcher.TryMatch(messages) is { } entry)
            {
                return new StartPlan(start, decision, Pinned: false, probe, entry);
            }

            string skipped = _rungs[start].Name;
            start++;
            decision = decision with
            {
                StartTier = _rungs[start].Name,
                Reason = decision.Reason is null ? $"no pattern of '{skipped}' matched" : $"{decision.Reason}; no pattern of '{skipped}' matched",
            };
        }

        return new StartPlan(start, decision, Pinned: false, probe, null);
    }

    /// <summary>Moves the start up to the first tier whose context window holds the prompt; refuses a prompt no tier holds.</summary>
    private int Fit(int start, IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        if (Overflow(messages, options) is { } overflow)
        {
            throw new InvalidCascadeRequestException(
                $"The prompt has about {overflow.Tokens} tokens, more than the largest context window of any tier ({overflow.LargestWindow} tokens); shorten the conversation.",
                nameof(messages));
        }

        int?[] windows = _rungs.Select(r => r.Tier.ContextWindow).ToArray();
        long bound = CallCostEstimator.ByteBound(messages, options);
        if (windows.Skip(start).All(w => w is null || w >= bound))
        {
            return start;
        }

        long tokens = TokenCounter.Default.CountInput(messages, options);
        int fits = Array.FindIndex(windows, start, w => w is null || w >= tokens);

        // Some tier holds it (Overflow said so); when only one below the start does, that is where it can start.
        return fits >= 0 ? fits : Array.FindIndex(windows, w => w is null || w >= tokens);
    }

    private string? ConfiguredStart(string? workload) =>
        workload is not null && _workloadStartTiers.TryGetValue(workload, out string? configured) ? configured : null;

    private int IndexOf(string tier)
    {
        for (int i = 0; i < _rungs.Count; i++)
        {
            if (string.Equals(_rungs[i].Name, tier, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
