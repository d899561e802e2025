using System.Collections.Concurrent;

namespace Cascade.Verifier.Verification;

/// <summary>What verification cost, per caller request id, so a router can bill it to the key that sent the request.</summary>
public sealed class VerificationAccounts
{
    private const int MaxRequests = 100_000;
    private readonly ConcurrentDictionary<string, RequestVerificationCost> _costs = new(StringComparer.Ordinal);

    /// <summary>Adds one verification's cost to its request.</summary>
    public RequestVerificationCost Add(string requestId, VerificationCost cost, bool cached)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        if (_costs.Count >= MaxRequests && !_costs.ContainsKey(requestId))
        {
            // A bounded in-memory account: the router's own ledger is the system of record.
            _costs.Clear();
        }

        return _costs.AddOrUpdate(
            requestId,
            _ => new RequestVerificationCost(requestId, cost.Usd, cost.ModelCalls, 1, cached ? 1 : 0),
            (_, total) => total with
            {
                Usd = total.Usd + cost.Usd,
                ModelCalls = total.ModelCalls + cost.ModelCalls,
                Verifications = total.Verifications + 1,
                CachedVerifications = total.CachedVerifications + (cached ? 1 : 0),
            });
    }

    /// <summary>Gets a request's verification cost so far.</summary>
    public RequestVerificationCost? Get(string requestId) => _costs.TryGetValue(requestId, out RequestVerificationCost? cost) ? cost : null;
}

/// <summary>The verification cost of one caller request.</summary>
/// <param name="RequestId">The caller's request id.</param>
/// <param name="Usd">The USD cost of every verification of the request.</param>
/// <param name="ModelCalls">The model calls made for it.</param>
/// <param name="Verifications">The verifications asked.</param>
/// <param name="CachedVerifications">Those answered from the cache, at no cost.</param>
public sealed record RequestVerificationCost(string RequestId, decimal Usd, int ModelCalls, int Verifications, int CachedVerifications);
