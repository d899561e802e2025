namespace Cascade;

/// <summary>Why a provider call failed, as far as the caller can tell. Each cause maps to one reliability decision.</summary>
public enum FailureCause
{
    /// <summary>The cause could not be told from the error.</summary>
    Unknown,

    /// <summary>HTTP 429: the provider's rate limit; a Retry-After may say when to come back.</summary>
    RateLimited,

    /// <summary>HTTP 529 (Anthropic) or an overloaded error: the provider has no capacity now.</summary>
    Overloaded,

    /// <summary>HTTP 5xx other than 529.</summary>
    ServerError,

    /// <summary>No response header arrived before the attempt's timeout; the provider did not accept the call.</summary>
    TimeoutBeforeResponse,

    /// <summary>The provider accepted the call (headers or first bytes arrived) but the answer did not finish in time. Billable.</summary>
    TimeoutAfterAcceptance,

    /// <summary>The connection failed before the request was sent (refused, DNS, TLS).</summary>
    ConnectionFailedBeforeSend,

    /// <summary>The connection dropped after the request was sent (reset, stream cut). Possibly billable.</summary>
    ConnectionFailedAfterSend,

    /// <summary>The caller of the cascade went away; the upstream call was abandoned. Billable once accepted.</summary>
    ClientDisconnected,

    /// <summary>The prompt does not fit the model's context window.</summary>
    ContextTooLong,

    /// <summary>HTTP 400 or 404 and other request errors a retry cannot fix.</summary>
    InvalidRequest,

    /// <summary>HTTP 401 or 403.</summary>
    Authentication,

    /// <summary>The provider refused the content (an API refusal or a refusal stop reason).</summary>
    ContentRefusal,

    /// <summary>A successful response with no text and no tool call.</summary>
    EmptyAnswer,

    /// <summary>The caller cancelled the request.</summary>
    CancelledByCaller,

    /// <summary>The deployment's circuit is open: it was skipped without a call.</summary>
    CircuitOpen,

    /// <summary>A stream produced no output within the first-token limit (<see cref="ReliabilityOptions.FirstTokenTimeout"/>). Billable once the provider accepted the call.</summary>
    FirstTokenTimeout,
}
