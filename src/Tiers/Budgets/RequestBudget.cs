namespace Cascade;

/// <summary>Checks, before each provider call, whether the call could pass one of the request's ceilings.</summary>
/// <remarks>
/// The check is made with the call's worst case (<see cref="CallCostEstimator"/>), so a request stops
/// <em>before</em> a ceiling is crossed, never after. Every kind of call is checked: initial, retry, fallback,
/// escalation and verification. The cap on reliability steps per tier is not a ceiling of the request: the invoker
/// checks it and gives up on the tier, so the cascade can still move on.
/// </remarks>
public sealed class RequestBudget
{
    private readonly CallCostEstimator _estimator;

    /// <summary>Initializes a budget checker.</summary>
    public RequestBudget(CallCostEstimator? estimator = null) => _estimator = estimator ?? new CallCostEstimator();

    /// <summary>Gets a shared checker with the default estimator.</summary>
    public static RequestBudget Default { get; } = new();

    /// <summary>Checks whether one more call to <paramref name="deployment"/> stays within the request's limits.</summary>
    /// <param name="ledger">The request's ledger (its limits, attempts and clock).</param>
    /// <param name="tier">The tier to be called.</param>
    /// <param name="deployment">The deployment to be called.</param>
    /// <param name="kind">Why the call would be made.</param>
    /// <param name="messages">The messages to send.</param>
    /// <param name="options">The chat options.</param>
    /// <returns><see langword="null"/> when the call may go ahead; otherwise the ceiling it would pass and why.</returns>
    public BudgetStop? Check(
        RequestLedger ledger,
        string tier,
        Deployment deployment,
        AttemptKind kind,
        IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> messages,
        Microsoft.Extensions.AI.ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(deployment);
        RequestLimits limits = ledger.Limits;
        IReadOnlyList<AttemptRecord> attempts = ledger.Attempts;

        if (ledger.Deadline is { } deadline && ledger.TimeProvider.GetUtcNow() >= deadline)
        {
            return new(BudgetCeiling.Deadline, $"the request's deadline of {limits.Timeout!.Value.TotalSeconds:0.###} s has passed");
        }

        if (attempts.Count >= limits.MaxModelCalls)
        {
            return new(BudgetCeiling.ModelCalls, $"the request has made {attempts.Count} of its {limits.MaxModelCalls} allowed model calls");
        }

        if (limits.MaxCost is null && limits.MaxTokens is null)
        {
            return null;
        }

        decimal spent = attempts.Where(a => a.Billed).Sum(a => a.Cost);
        long tokens = attempts.Where(a => a.Billed).Sum(a => a.Usage.TotalTokens);
        CallEstimate estimate = _estimator.Estimate(messages, options, deployment, limits.MaxCost - spent, limits.MaxTokens - tokens);
        if (limits.MaxCost is { } maxCost && spent + estimate.MaxCost > maxCost)
        {
            return new(BudgetCeiling.Cost, $"a call to {deployment.Model} could cost up to ${estimate.MaxCost:0.######}, and ${spent:0.######} of the ${maxCost:0.######} ceiling is spent", estimate);
        }

        if (limits.MaxTokens is { } maxTokens && tokens + estimate.MaxTokens > maxTokens)
        {
            return new(BudgetCeiling.Tokens, $"a call to {deployment.Model} could bill up to {estimate.MaxTokens} tokens, and {tokens} of the {maxTokens} token ceiling are used", estimate);
        }

        return null;
    }
}

/// <summary>Why a request must stop before its next call.</summary>
/// <param name="Ceiling">The ceiling the call could pass.</param>
/// <param name="Reason">A sentence naming the ceiling and the figures.</param>
/// <param name="Estimate">The call's worst case, when one was computed.</param>
public sealed record BudgetStop(BudgetCeiling Ceiling, string Reason, CallEstimate? Estimate = null)
{
    /// <summary>Creates the exception that reports this stop.</summary>
    public BudgetExceededException ToException() => new(Ceiling, $"Request stopped before passing its {Ceiling} ceiling: {Reason}.");
}
