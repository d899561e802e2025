namespace Cascade.Router;

/// <summary>What a request with an <c>Idempotency-Key</c> should do.</summary>
public enum IdempotencyStatus
{
    /// <summary>The key is new: this request runs, and must end with complete or abandon.</summary>
    Started,

    /// <summary>The key was answered: replay the stored answer without running or billing anything.</summary>
    Completed,

    /// <summary>A request with the key is still running: refuse with 409 rather than start it twice.</summary>
    InFlight,

    /// <summary>The key was used for a different request: refuse with 422.</summary>
    Mismatch,
}
