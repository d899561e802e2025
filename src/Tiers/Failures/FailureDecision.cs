namespace Cascade;

/// <summary>The one response a failure's cause calls for inside a tier.</summary>
public enum FailureDecision
{
    /// <summary>Call the same deployment again after a backoff (or the provider's Retry-After).</summary>
    Retry,

    /// <summary>Call the tier's next deployment; when there is none, the tier gives up and the cascade tries the next tier.</summary>
    Fallback,

    /// <summary>The prompt does not fit: the tier gives up and the cascade moves to a tier with a larger context window.</summary>
    LargerContextTier,

    /// <summary>Neither retry nor fallback: stop the request with a clear error.</summary>
    Stop,
}
