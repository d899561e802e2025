namespace Cascade;

/// <summary>A request was stopped because its next call could pass one of its ceilings.</summary>
public sealed class BudgetExceededException : Exception
{
    /// <summary>Initializes the exception.</summary>
    public BudgetExceededException(BudgetCeiling ceiling, string message)
        : base(message) => Ceiling = ceiling;

    /// <summary>Gets the route of the request the exception stopped, when a cascade ran it.</summary>
    public CascadeRoute? Route { get; internal set; }

    /// <summary>Gets the ceiling that stopped the request.</summary>
    public BudgetCeiling Ceiling { get; }
}

/// <summary>The ceilings a request can hit.</summary>
public enum BudgetCeiling
{
    /// <summary><see cref="RequestLimits.MaxCost"/>.</summary>
    Cost,

    /// <summary><see cref="RequestLimits.MaxTokens"/>.</summary>
    Tokens,

    /// <summary><see cref="RequestLimits.MaxModelCalls"/>.</summary>
    ModelCalls,

    /// <summary><see cref="RequestLimits.Timeout"/>.</summary>
    Deadline,
}
