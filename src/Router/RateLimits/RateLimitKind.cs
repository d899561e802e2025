namespace Cascade.Router;

/// <summary>The per-key rate limits.</summary>
public enum RateLimitKind
{
    /// <summary>Requests per window.</summary>
    Requests,

    /// <summary>Tokens (prompt plus the most output asked for) per window.</summary>
    Tokens,
}
