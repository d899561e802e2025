namespace Cascade;

/// <summary>A tier could not produce an answer: every deployment failed, or the failure's cause forbids going on.</summary>
public sealed class TierFailedException : Exception
{
    /// <summary>Initializes the exception.</summary>
    public TierFailedException(string tier, FailureCause cause, TierFailureAction action, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Tier = tier;
        Cause = cause;
        Action = action;
    }

    /// <summary>Gets the route of the request the exception stopped, when a cascade ran it.</summary>
    public CascadeRoute? Route { get; internal set; }

    /// <summary>Gets the tier's name.</summary>
    public string Tier { get; }

    /// <summary>Gets the cause of the last failure.</summary>
    public FailureCause Cause { get; }

    /// <summary>Gets what the cascade should do next, as the failure table decided.</summary>
    public TierFailureAction Action { get; }

    /// <summary>Gets whether a streamed answer had already yielded output when the tier failed (no failover happened after that point).</summary>
    public bool OutputStarted { get; init; }
}
