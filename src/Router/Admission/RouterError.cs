using System.Globalization;

namespace Cascade.Router;

/// <summary>A refusal or failure the router answers itself, before or instead of a provider's answer.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Code">A stable machine-readable code (<c>invalid_api_key</c>, <c>daily_spend_cap_exceeded</c>, ...).</param>
/// <param name="Message">A sentence saying what happened and what to do.</param>
public sealed record RouterError(int StatusCode, string Code, string Message)
{
    /// <summary>Gets whether a client should retry; deterministic refusals say no (<c>x-should-retry: false</c>).</summary>
    public bool ShouldRetry { get; init; }

    /// <summary>Gets how long to wait before a retry, sent as <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets the rate-limit state to report in headers.</summary>
    public RateLimitDecision? RateLimit { get; init; }

    /// <summary>Gets the spend cap a budget refusal names.</summary>
    public SpendCap? Cap { get; init; }

    /// <summary>Gets the request parameter at fault, when there is one.</summary>
    public string? Param { get; init; }

    /// <summary>The key is missing.</summary>
    public static RouterError MissingKey() => new(401, "missing_api_key",
        "No API key was sent. Send it as 'Authorization: Bearer <key>' or 'x-api-key: <key>'.");

    /// <summary>The key is unknown.</summary>
    public static RouterError InvalidKey(string prefix) => new(401, "invalid_api_key",
        $"The API key starting '{prefix}' is not valid. Check the key, or ask an administrator for a new one.");

    /// <summary>The key was revoked.</summary>
    public static RouterError RevokedKey(ApiKeyRecord key) => new(401, "revoked_api_key",
        $"The API key '{key.Prefix}...' ({key.Name}) was revoked at {key.RevokedAt:u}. Ask an administrator for a new one.");

    /// <summary>The key may not use the model.</summary>
    public static RouterError ModelNotAllowed(ApiKeyRecord key, string model) => new(403, "model_not_allowed",
        $"The API key '{key.Prefix}...' may not use model '{model}'. Allowed: {string.Join(", ", key.Policy.AllowedModels)}.") { Param = "model" };

    /// <summary>The key may not tag requests with the workload.</summary>
    public static RouterError WorkloadNotAllowed(ApiKeyRecord key, string? workload) => new(403, "workload_not_allowed",
        workload is null
            ? $"The API key '{key.Prefix}...' must tag requests with a workload (model 'cascade/<workload>'). Allowed: {string.Join(", ", key.Policy.AllowedWorkloads)}."
            : $"The API key '{key.Prefix}...' may not use workload '{workload}'. Allowed: {string.Join(", ", key.Policy.AllowedWorkloads)}.") { Param = "model" };

    /// <summary>A key that would create one workload more than its policy allows.</summary>
    public static RouterError WorkloadLimitReached(ApiKeyRecord key, string workload, int max, IReadOnlyList<string> workloads) => new(403, "workload_limit_reached",
        $"The API key '{key.Prefix}...' may create at most {max} workloads and already uses {workloads.Count}: {(workloads.Count == 0 ? "none" : string.Join(", ", workloads))}. "
        + $"Send one of those (model 'cascade/<workload>'), a configured workload, or plain 'cascade' instead of '{workload}', or ask an admin to raise the key's MaxWorkloads.") { Param = "model" };

    /// <summary>A rate limit refuses the request for now.</summary>
    public static RouterError RateLimited(RateLimitDecision decision) => new(429, decision.RefusedBy == RateLimitKind.Tokens ? "tokens_rate_limit_exceeded" : "requests_rate_limit_exceeded",
        decision.RefusedBy == RateLimitKind.Tokens
            ? $"Rate limit reached: {decision.TokenLimit} tokens per window, {decision.TokensRemaining} left. Retry after {RateLimitDecision.FormatDuration(decision.ResetAfter)}."
            : $"Rate limit reached: {decision.RequestLimit} requests per window. Retry after {RateLimitDecision.FormatDuration(decision.ResetAfter)}.")
    {
        ShouldRetry = true,
        RetryAfter = decision.ResetAfter,
        RateLimit = decision,
    };

    /// <summary>The request asks for more tokens than the key's whole window allows.</summary>
    public static RouterError TokensNeverFit(RateLimitDecision decision, long tokens) => new(400, "request_too_large_for_rate_limit",
        $"The request needs up to {tokens} tokens (prompt plus max output), more than the key's limit of {decision.TokenLimit} tokens per window. Shorten the prompt or lower max_tokens.")
    {
        RateLimit = decision,
        Param = "max_tokens",
    };

    /// <summary>Admitting the request's ceiling would pass a spend cap.</summary>
    public static RouterError OverBudget(ApiKeyRecord key, SpendAdmission refusal, decimal ceiling)
    {
        string cap = refusal.RefusedBy == SpendCap.Daily ? "daily" : "monthly";
        return new(402, $"{cap}_spend_cap_exceeded",
            string.Create(CultureInfo.InvariantCulture,
                $"The {cap} spend cap of ${refusal.CapValue:0.00####} for API key '{key.Prefix}...' ({key.Name}) would be passed: ${refusal.Committed:0.00####} is spent or reserved, and this request reserves up to ${ceiling:0.00####} (its cost ceiling). The cap resets {(refusal.RefusedBy == SpendCap.Daily ? "at 00:00 UTC" : "on the 1st of the month, 00:00 UTC")}."))
        {
            Cap = refusal.RefusedBy,
        };
    }

    /// <summary>An <c>Idempotency-Key</c> request is still running.</summary>
    public static RouterError IdempotencyInFlight() => new(409, "idempotency_key_in_flight",
        "A request with this Idempotency-Key is still running; retry after it finishes to receive its answer.")
    {
        ShouldRetry = true,
        RetryAfter = TimeSpan.FromSeconds(1),
    };

    /// <summary>An <c>Idempotency-Key</c> was reused for a different request.</summary>
    public static RouterError IdempotencyMismatch() => new(422, "idempotency_key_reused",
        "This Idempotency-Key was already used for a different request. Use a new key for a new request.");

    /// <summary>Shared state is needed and unreachable.</summary>
    public static RouterError SharedStateUnavailable(string message) => new(503, "shared_state_unavailable", message)
    {
        ShouldRetry = true,
        RetryAfter = TimeSpan.FromSeconds(1),
    };
}
