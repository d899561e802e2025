namespace Cascade;

/// <summary>The hard limits of one request. Every provider call counts against them: retries, fallbacks, escalations and verification calls.</summary>
/// <remarks>Per-request values travel in <c>ChatOptions.AdditionalProperties[CascadeOptionKeys.Limits]</c>; defaults come from configuration.</remarks>
public sealed record RequestLimits
{
    /// <summary>Gets the default limits: three model calls, one reliability step per tier, no cost, token or time ceiling.</summary>
    public static RequestLimits Default { get; } = new();

    /// <summary>Gets the USD ceiling of the request, or <see langword="null"/> for none.</summary>
    public decimal? MaxCost
    {
        get;
        init => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A cost ceiling cannot be negative.");
    }

    /// <summary>Gets the ceiling on billed tokens (input and output, all attempts), or <see langword="null"/> for none.</summary>
    public long? MaxTokens
    {
        get;
        init => field = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A token ceiling must be positive.");
    }

    /// <summary>Gets the cap on provider calls.</summary>
    /// <value>The default value is 3.</value>
    public int MaxModelCalls
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one model call must be allowed.");
    } = 3;

    /// <summary>Gets the cap on reliability steps (retries and fallbacks) within one tier.</summary>
    /// <value>The default value is 1.</value>
    public int MaxReliabilityStepsPerTier
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The reliability step cap cannot be negative.");
    } = 1;

    /// <summary>Gets the time the whole request may take across all hops, or <see langword="null"/> for none.</summary>
    public TimeSpan? Timeout
    {
        get;
        init => field = value is null || value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A request timeout must be positive.");
    }

    /// <summary>Gets what happens when the next call could pass a ceiling.</summary>
    /// <value>The default value is <see cref="BudgetStopBehavior.ReturnBestAnswer"/>.</value>
    public BudgetStopBehavior OnExceeded { get; init; } = BudgetStopBehavior.ReturnBestAnswer;
}

/// <summary>What a request does when its next call could pass a ceiling.</summary>
public enum BudgetStopBehavior
{
    /// <summary>Return the best answer so far (the last rejected one) with the stop reason in the route; throw when there is none.</summary>
    ReturnBestAnswer,

    /// <summary>Throw a <see cref="BudgetExceededException"/>.</summary>
    Throw,
}
