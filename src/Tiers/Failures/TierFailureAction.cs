namespace Cascade;

/// <summary>What the cascade does after a tier gave up on a request (every deployment tried, or a cause that forbids going on).</summary>
public enum TierFailureAction
{
    /// <summary>Stop the request and surface the error (invalid request, authentication, the caller's cancellation, a refusal).</summary>
    Stop,

    /// <summary>The tier is unavailable: try the next tier up, recorded as a reliability fallback, not a cost escalation.</summary>
    TryNextTier,

    /// <summary>The prompt did not fit: try the next tier whose context window is larger.</summary>
    TryLargerContextTier,
}
