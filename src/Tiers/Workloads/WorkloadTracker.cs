namespace Cascade;

/// <summary>
/// Keeps each workload's outcomes in the shared state store and chooses where its requests start: a workload
/// whose first tier escalates more than <see cref="WorkloadOptions.PromoteAboveEscalationRate"/> starts one tier
/// higher, and a small share of its traffic probes the tier below so it can come back down.
/// </summary>
/// <remarks>
/// The start tier is derived from the outcomes alone, so replicas sharing a store agree without a separate flag.
/// A tier with fewer than <see cref="WorkloadOptions.MinSamples"/> recent outcomes keeps the last decision
/// (the start tier of the newest non-probe request), so a promoted workload does not fall back down merely
/// because its lower tier now sees only probe traffic.
/// </remarks>
public sealed class WorkloadTracker
{
    private readonly ICascadeStateStore _store;
    private readonly WorkloadOptions _options;
    private readonly Func<double> _random;

    /// <summary>Initializes a tracker.</summary>
    /// <param name="store">Where outcomes are kept.</param>
    /// <param name="options">The window and promotion settings.</param>
    /// <param name="random">A source of uniform numbers in [0, 1) for probe sampling; <see cref="Random.Shared"/> when <see langword="null"/>.</param>
    public WorkloadTracker(ICascadeStateStore store, WorkloadOptions? options = null, Func<double>? random = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? new WorkloadOptions();
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>Records a finished request of a workload.</summary>
    /// <param name="route">The request's route.</param>
    /// <param name="at">When it finished.</param>
    /// <param name="probe">Whether the request was a probe of a lower tier.</param>
    /// <param name="cancellationToken">The token.</param>
    public ValueTask RecordAsync(CascadeRoute route, DateTimeOffset at, bool probe = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (route.Workload is not { } workload || route.Attempts.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        return _store.AppendWorkloadOutcomeAsync(workload, ToOutcome(route, at, probe), _options.WindowSize, cancellationToken);
    }

    /// <summary>Turns a route into the outcome kept in a workload's window.</summary>
    public static WorkloadOutcome ToOutcome(CascadeRoute route, DateTimeOffset at, bool probe = false)
    {
        ArgumentNullException.ThrowIfNull(route);
        AttemptRecord first = route.Attempts[0];
        string startTier = route.Decision?.StartTier ?? first.Tier;
        return new WorkloadOutcome
        {
            At = at,
            StartTier = startTier,
            ResolvedTier = route.ResolvedTier,
            Escalated = route.Attempts.Any(a => a.Tier == startTier && a.Outcome == AttemptOutcome.Rejected),
            FellBack = route.Fallbacks > 0,
            Retried = route.Retries > 0,
            Probe = probe,
            FirstAttemptCost = first.Billed ? first.Cost : 0,
            FallbackCost = route.Attempts.Where(a => a.Billed && a.Kind == AttemptKind.Fallback).Sum(a => a.Cost),
            RetryCost = route.Attempts.Where(a => a.Billed && a.Kind == AttemptKind.Retry).Sum(a => a.Cost),
            TotalCost = route.TotalCost,
        };
    }

    /// <summary>Gets a workload's statistics over its window.</summary>
    public async ValueTask<WorkloadStatistics> GetStatisticsAsync(string workload, CancellationToken cancellationToken = default) =>
        WorkloadStatistics.From(workload, await _store.GetWorkloadOutcomesAsync(workload, _options.WindowSize, cancellationToken));

    /// <summary>Chooses the tier a workload's request starts at.</summary>
    /// <param name="workload">The workload.</param>
    /// <param name="tiers">The ladder's tier names, cheapest first.</param>
    /// <param name="baseTier">The tier the workload starts at when nothing says otherwise.</param>
    /// <param name="cancellationToken">The token.</param>
    public async ValueTask<StartTierChoice> ChooseStartTierAsync(string workload, IReadOnlyList<string> tiers, string baseTier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        int baseLevel = IndexOf(tiers, baseTier);
        if (baseLevel < 0)
        {
            throw new ArgumentException($"Base tier '{baseTier}' is not on the ladder ({string.Join(", ", tiers)}).", nameof(baseTier));
        }

        IReadOnlyList<WorkloadOutcome> outcomes = await _store.GetWorkloadOutcomesAsync(workload, _options.WindowSize, cancellationToken);
        WorkloadOutcome? lastDecision = outcomes.FirstOrDefault(o => !o.Probe);
        int level = baseLevel;
        string? reason = null;
        while (level < tiers.Count - 1)
        {
            WorkloadOutcome[] recent = outcomes.Where(o => o.StartTier == tiers[level]).Take(_options.MinSamples).ToArray();
            if (recent.Length >= _options.MinSamples)
            {
                double rate = recent.Count(o => o.Escalated) / (double)recent.Length;
                if (rate <= _options.PromoteAboveEscalationRate)
                {
                    break;
                }

                reason = $"tier '{tiers[level]}' escalated {rate * 100:0}% of the last {recent.Length} requests";
            }
            else if (lastDecision is null || IndexOf(tiers, lastDecision.StartTier) <= level)
            {
                break;
            }
            else
            {
                reason ??= $"tier '{tiers[level]}' has too few recent samples to come back down";
            }

            level++;
        }

        if (level > baseLevel && _random() < _options.ProbeShare)
        {
            return new StartTierChoice(tiers[level - 1], Probe: true, $"probing tier '{tiers[level - 1]}' for workload '{workload}', which starts at '{tiers[level]}'");
        }

        return new StartTierChoice(tiers[level], Probe: false, level > baseLevel ? $"workload '{workload}' promoted: {reason}" : null);
    }

    private static int IndexOf(IReadOnlyList<string> tiers, string tier)
    {
        for (int i = 0; i < tiers.Count; i++)
        {
            if (string.Equals(tiers[i], tier, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>Where a workload's request starts.</summary>
/// <param name="Tier">The start tier.</param>
/// <param name="Probe">Whether this request probes a tier below the workload's start tier.</param>
/// <param name="Reason">Why the start tier differs from the base tier, if it does.</param>
public sealed record StartTierChoice(string Tier, bool Probe, string? Reason);
