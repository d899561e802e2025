using System.Collections.Concurrent;
using Cascade.Simulator.Configuration;
using Cascade.Simulator.Telemetry;
using Microsoft.Extensions.Options;

namespace Cascade.Simulator.Billing;

/// <summary>
/// What the simulated provider bills, per API key and per request id: the ground truth a gateway's own
/// accounting is checked against. Totals per key are kept for the process lifetime; the most recent
/// <see cref="SimulatorOptions.LedgerCapacity"/> calls are kept one by one.
/// </summary>
public sealed class BillingLedger
{
    private readonly ConcurrentDictionary<string, KeyTotals> _totals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<LedgerEntry> _entries = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<LedgerEntry>> _acceptWaiters = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly PriceCatalog _prices;
    private readonly SimulatorTelemetry? _telemetry;
    private readonly int _capacity;
    private long _sequence;
    private int _count;

    /// <summary>Initializes the ledger.</summary>
    public BillingLedger(IOptions<SimulatorOptions> options, TimeProvider time, PriceCatalog prices, SimulatorTelemetry? telemetry = null)
    {
        _prices = prices;
        _telemetry = telemetry;
        _capacity = options.Value.LedgerCapacity;
        _time = time;
    }

    /// <summary>Gets the totals of every key.</summary>
    public IReadOnlyList<KeyTotals> Totals => [.. _totals.Values.OrderBy(t => t.Key, StringComparer.Ordinal)];

    /// <summary>Gets the kept calls, oldest first.</summary>
    public IReadOnlyList<LedgerEntry> Entries => [.. _entries];

    /// <summary>Records a call as it arrives; it bills nothing until accepted.</summary>
    public LedgerEntry Start(string requestId, string key, string model, string api, bool stream)
    {
        KeyTotals totals = _totals.GetOrAdd(key, static k => new KeyTotals(k));
        totals.AddRequest();
        var entry = new LedgerEntry(Interlocked.Increment(ref _sequence), requestId, key, model, api, stream, _time.GetUtcNow(), totals, this, _prices.TryGetPrice(model, out PriceTable? price) ? price : null);
        _entries.Enqueue(entry);
        if (Interlocked.Increment(ref _count) > _capacity && _entries.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
        }

        return entry;
    }

    /// <summary>Marks the call finished now.</summary>
    public void Finish(LedgerEntry entry, LedgerOutcome outcome, int status)
    {
        if (entry.Finish(outcome, status, _time.GetUtcNow()))
        {
            _telemetry?.Record(entry);
        }
    }

    /// <summary>Gets the kept calls of one request id, oldest first.</summary>
    public IReadOnlyList<LedgerEntry> ForRequest(string requestId) => [.. _entries.Where(e => string.Equals(e.RequestId, requestId, StringComparison.Ordinal))];

    /// <summary>
    /// Gets a task that completes when the next call filed under <paramref name="requestId"/> is accepted (its input
    /// billed). Lets a test act at the moment a provider would start generating.
    /// </summary>
    public Task<LedgerEntry> WhenAccepted(string requestId) =>
        _acceptWaiters.GetOrAdd(requestId, static _ => new TaskCompletionSource<LedgerEntry>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    internal void OnAccepted(LedgerEntry entry)
    {
        if (!_acceptWaiters.IsEmpty && _acceptWaiters.TryRemove(entry.RequestId, out TaskCompletionSource<LedgerEntry>? waiter))
        {
            waiter.TrySetResult(entry);
        }
    }

    /// <summary>Forgets every call and total.</summary>
    public void Clear()
    {
        _entries.Clear();
        _totals.Clear();
        Interlocked.Exchange(ref _count, 0);
    }
}
