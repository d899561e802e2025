using System.Collections.Frozen;

namespace Cascade;

/// <summary>
/// The one cause-to-decision table of the reliability layer: what a tier does after each kind of failure
/// (retry the same deployment, fall back to the tier's next deployment, move to a larger-context tier, or stop),
/// and what it asks of the cascade when it gives up. The table is documented in <c>src/Tiers/Failures/README.md</c>.
/// </summary>
/// <remarks>
/// Defaults follow the source articles: one retry for 429 and short network failures; a fallback for 5xx, 529,
/// long timeouts and empty answers; neither for 400, authentication or the caller's cancellation; a refusal stops
/// unless <see cref="FailurePolicyOptions.FallbackOnRefusal"/> is on. A retry after a billed failure becomes a
/// fallback unless <see cref="FailurePolicyOptions.RetryBilledFailures"/> allows it.
/// </remarks>
public sealed class FailurePolicy
{
    /// <summary>Gets the default decision of each cause.</summary>
    public static FrozenDictionary<FailureCause, FailureDecision> DefaultDecisions { get; } = new Dictionary<FailureCause, FailureDecision>
    {
        [FailureCause.RateLimited] = FailureDecision.Retry,
        [FailureCause.ConnectionFailedBeforeSend] = FailureDecision.Retry,
        [FailureCause.Overloaded] = FailureDecision.Fallback,
        [FailureCause.ServerError] = FailureDecision.Fallback,
        [FailureCause.TimeoutBeforeResponse] = FailureDecision.Fallback,
        [FailureCause.TimeoutAfterAcceptance] = FailureDecision.Fallback,
        [FailureCause.FirstTokenTimeout] = FailureDecision.Fallback,
        [FailureCause.ConnectionFailedAfterSend] = FailureDecision.Fallback,
        [FailureCause.EmptyAnswer] = FailureDecision.Fallback,
        [FailureCause.CircuitOpen] = FailureDecision.Fallback,
        [FailureCause.Unknown] = FailureDecision.Fallback,
        [FailureCause.ContextTooLong] = FailureDecision.LargerContextTier,
        [FailureCause.InvalidRequest] = FailureDecision.Stop,
        [FailureCause.Authentication] = FailureDecision.Stop,
        [FailureCause.ContentRefusal] = FailureDecision.Stop,
        [FailureCause.ClientDisconnected] = FailureDecision.Stop,
        [FailureCause.CancelledByCaller] = FailureDecision.Stop,
    }.ToFrozenDictionary();

    /// <summary>Gets the causes that count against a deployment's circuit by default: the provider-health failures.</summary>
    public static FrozenSet<FailureCause> DefaultCircuitCauses { get; } = new[]
    {
        FailureCause.RateLimited,
        FailureCause.Overloaded,
        FailureCause.ServerError,
        FailureCause.TimeoutBeforeResponse,
        FailureCause.TimeoutAfterAcceptance,
        FailureCause.FirstTokenTimeout,
        FailureCause.ConnectionFailedBeforeSend,
        FailureCause.ConnectionFailedAfterSend,
    }.ToFrozenSet();

    private readonly FrozenDictionary<FailureCause, FailureDecision> _decisions;
    private readonly FrozenSet<FailureCause> _circuitCauses;

    /// <summary>Initializes the table with <paramref name="options"/> applied over the defaults.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public FailurePolicy(FailurePolicyOptions? options = null)
    {
        Options = options ?? new FailurePolicyOptions();
        IReadOnlyList<string> errors = Options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        var decisions = new Dictionary<FailureCause, FailureDecision>(DefaultDecisions);
        if (Options.FallbackOnRefusal)
        {
            decisions[FailureCause.ContentRefusal] = FailureDecision.Fallback;
        }

        foreach ((FailureCause cause, FailureDecision decision) in Options.Decisions)
        {
            decisions[cause] = decision;
        }

        _decisions = decisions.ToFrozenDictionary();
        _circuitCauses = Options.CircuitCauses?.ToFrozenSet() ?? DefaultCircuitCauses;
    }

    /// <summary>Gets the table with its defaults.</summary>
    public static FailurePolicy Default { get; } = new();

    /// <summary>Gets the options the table was built from.</summary>
    public FailurePolicyOptions Options { get; }

    /// <summary>Gets the table's decision for a cause, before the billing rule.</summary>
    public FailureDecision DecisionFor(FailureCause cause) =>
        _decisions.TryGetValue(cause, out FailureDecision decision) ? decision : FailureDecision.Fallback;

    /// <summary>Decides what a tier does after one failure.</summary>
    /// <param name="cause">The failure's cause.</param>
    /// <param name="billed">Whether the provider billed the failed call.</param>
    /// <returns>The decision; a retry of a billed failure becomes a fallback unless <see cref="FailurePolicyOptions.RetryBilledFailures"/> is on.</returns>
    public FailureDecision Decide(FailureCause cause, bool billed)
    {
        FailureDecision decision = DecisionFor(cause);
        return decision == FailureDecision.Retry && billed && !Options.RetryBilledFailures ? FailureDecision.Fallback : decision;
    }

    /// <summary>Gets what the cascade should do when a tier gives up on a failure of this cause.</summary>
    public TierFailureAction TierActionFor(FailureCause cause) => DecisionFor(cause) switch
    {
        FailureDecision.Stop => TierFailureAction.Stop,
        FailureDecision.LargerContextTier => TierFailureAction.TryLargerContextTier,
        _ => TierFailureAction.TryNextTier,
    };

    /// <summary>Gets whether a failure of this cause counts against the deployment's circuit breaker.</summary>
    public bool CountsTowardCircuit(FailureCause cause) => _circuitCauses.Contains(cause);
}
