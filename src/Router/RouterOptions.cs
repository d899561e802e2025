namespace Cascade.Router;

/// <summary>The router's own settings, bound from the <c>Router</c> section.</summary>
public sealed class RouterOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Router";

    /// <summary>Gets or sets the admin key that guards <c>/admin</c>; <see langword="null"/> disables the admin API.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Gets or sets API keys ensured at start (stored hashed, like any other), so a fresh deployment has a key to call with.</summary>
    /// <remarks>The AppHost uses this to hand a local run its key; a key already stored is left as it is.</remarks>
    public List<BootstrapKeyOptions> BootstrapKeys { get; set; } = [];

    /// <summary>Gets or sets the USD reserved for (and the cost ceiling of) a request whose key sets no per-request ceiling.</summary>
    /// <value>The default value is 1.00.</value>
    public decimal DefaultRequestCeiling { get; set; } = 1.00m;

    /// <summary>Gets or sets how long a budget reservation holds before it is returned, should the replica die before settling it.</summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan ReservationLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets how long an answered <c>Idempotency-Key</c> keeps its stored answer.</summary>
    /// <value>The default value is 24 hours.</value>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets how long an in-flight <c>Idempotency-Key</c> is held before another request may start it again.</summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan IdempotencyLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets or sets the share of each spend cap a replica may admit on its own, per cap period, while Redis is unreachable.
    /// With N replicas a cap can be passed by at most N times this share of it during an outage.
    /// </summary>
    /// <value>The default value is 0.1.</value>
    public double OfflineAllowanceShare { get; set; } = 0.1;

    /// <summary>Gets or sets the prefix of every Redis key the router writes.</summary>
    /// <value>The default value is <c>cascade:</c>.</value>
    public string RedisPrefix { get; set; } = "cascade:";

    /// <summary>Gets or sets how long attempts stay in the attempt log.</summary>
    /// <value>The default value is 7 days.</value>
    public TimeSpan AttemptRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets the most attempts the attempt log stream keeps.</summary>
    /// <value>The default value is 100000.</value>
    public int AttemptLogLength { get; set; } = 100_000;

    /// <summary>Gets or sets how many workloads a key whose policy sets no <see cref="ApiKeyPolicy.MaxWorkloads"/> may create.</summary>
    /// <value>The default value is 10.</value>
    public int MaxWorkloadsPerKey { get; set; } = 10;

    /// <summary>Gets or sets the most requests the request index keeps per API key (the newest first).</summary>
    /// <value>The default value is 10000.</value>
    public int RequestIndexLengthPerKey { get; set; } = 10_000;

    /// <summary>Gets or sets the most requests the request index keeps over all keys (what an admin lists).</summary>
    /// <value>The default value is 100000.</value>
    public int RequestIndexLength { get; set; } = 100_000;

    /// <summary>Gets or sets how many of the caller's most recent requests <c>GET /v1/stats</c> is computed over.</summary>
    /// <value>The default value is 1000.</value>
    public int StatsWindow { get; set; } = 1000;

    /// <summary>Gets or sets the window of the per-key request and token rate limits.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the alarm thresholds (<c>Router:Alarms</c>).</summary>
    public AlarmOptions Alarms { get; set; } = new();

    /// <summary>Gets or sets how often queued writes are replayed to Redis after an outage.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>An API key ensured at start.</summary>
public sealed class BootstrapKeyOptions
{
    /// <summary>Gets or sets the key's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the secret callers send; at least 24 characters.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Gets or sets the key's limits; unset means the defaults of <see cref="ApiKeyPolicy"/>.</summary>
    public ApiKeyPolicy? Policy { get; set; }
}
