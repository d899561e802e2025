using Microsoft.Extensions.Options;

namespace Cascade.Router;

/// <summary>
/// Admits a request for an authenticated key: its model and workload, its rate limits, then its cost ceiling
/// reserved against the key's spend caps. The order makes every refusal cost nothing: no reservation is made for a
/// request a cheaper check refuses.
/// </summary>
public sealed class RequestAdmission
{
    private readonly IKeyRateLimiter _rateLimiter;
    private readonly ISpendStore _spend;
    private readonly RouterOptions _options;
    private readonly IKeyWorkloadStore _workloads;
    private readonly HashSet<string> _configuredWorkloads;

    /// <summary>Initializes admission.</summary>
    /// <param name="rateLimiter">The per-key rate limits (in Redis when the router has Redis).</param>
    /// <param name="spend">The spend store the ceiling is reserved in.</param>
    /// <param name="options">The router options.</param>
    /// <param name="workloads">The workloads each key created; in memory when not given.</param>
    /// <param name="model">The cascade, whose configured workloads any key may use without creating them.</param>
    public RequestAdmission(IKeyRateLimiter rateLimiter, ISpendStore spend, IOptions<RouterOptions> options, IKeyWorkloadStore? workloads = null, CascadeModel? model = null)
    {
        _rateLimiter = rateLimiter ?? throw new ArgumentNullException(nameof(rateLimiter));
        _spend = spend ?? throw new ArgumentNullException(nameof(spend));
        _options = options.Value;
        _workloads = workloads ?? new InMemoryKeyWorkloadStore();
        _configuredWorkloads = new((IEnumerable<string>?)model?.Options.Workloads.Keys ?? [], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets the most workloads <paramref name="key"/> may create.</summary>
    public int MaxWorkloadsOf(ApiKeyRecord key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Policy.MaxWorkloads ?? _options.MaxWorkloadsPerKey;
    }

    /// <summary>Gets whether <paramref name="workload"/> is defined by the configuration (any key may use it without creating it).</summary>
    public bool IsConfiguredWorkload(string workload) => _configuredWorkloads.Contains(workload);

    /// <summary>Gets the cost ceiling a request of <paramref name="key"/> runs under.</summary>
    public decimal CeilingOf(ApiKeyRecord key, decimal? requested = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        decimal ceiling = key.Policy.MaxRequestCost ?? _options.DefaultRequestCeiling;
        return requested is { } lower && lower < ceiling ? lower : ceiling;
    }

    /// <summary>Admits a request, or returns the refusal to send.</summary>
    public async ValueTask<(Admission? Admission, RouterError? Error)> AdmitAsync(ApiKeyRecord key, AdmissionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(request);
        if (!key.Policy.AllowsModel(request.Model))
        {
            return (null, RouterError.ModelNotAllowed(key, request.Model));
        }

        if (!key.Policy.AllowsWorkload(request.Workload))
        {
            return (null, RouterError.WorkloadNotAllowed(key, request.Workload));
        }

        if (request.Workload is { } workload && !IsConfiguredWorkload(workload))
        {
            int max = MaxWorkloadsOf(key);
            WorkloadClaim claim = await _workloads.ClaimAsync(key.Id, workload, max, cancellationToken);
            if (!claim.Allowed)
            {
                return (null, RouterError.WorkloadLimitReached(key, workload, max, claim.Workloads));
            }
        }

        RateLimitDecision rate = await _rateLimiter.TryAcquireAsync(key, request.EstimatedTokens, cancellationToken);
        if (!rate.Allowed)
        {
            return (null, rate.NeverFits ? RouterError.TokensNeverFit(rate, request.EstimatedTokens) : RouterError.RateLimited(rate));
        }

        decimal ceiling = CeilingOf(key, request.MaxCost);
        SpendAdmission spend = await _spend.ReserveAsync(key.Id, ceiling, SpendCaps.Of(key.Policy), cancellationToken);
        if (spend.Reservation is not { } reservation)
        {
            return (null, RouterError.OverBudget(key, spend, ceiling) with { RateLimit = rate });
        }

        return (new Admission { Key = key, Reservation = reservation, Ceiling = ceiling, RateLimit = rate }, null);
    }

    /// <summary>Settles an admitted request to what it was billed.</summary>
    public ValueTask SettleAsync(Admission admission, decimal billed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admission);
        return _spend.SettleAsync(admission.Reservation, billed, cancellationToken);
    }
}
