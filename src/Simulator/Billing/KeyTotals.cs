namespace Cascade.Simulator.Billing;

/// <summary>The running totals billed to one API key.</summary>
public sealed class KeyTotals
{
    private long _requests;
    private long _billedRequests;
    private long _inputTokens;
    private long _outputTokens;
    private readonly Lock _costLock = new();
    private decimal _costUsd;

    internal KeyTotals(string key) => Key = key;

    /// <summary>Gets the API key.</summary>
    public string Key { get; }

    /// <summary>Gets the calls received.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Gets the calls accepted and billed.</summary>
    public long BilledRequests => Interlocked.Read(ref _billedRequests);

    /// <summary>Gets the input tokens billed.</summary>
    public long InputTokens => Interlocked.Read(ref _inputTokens);

    /// <summary>Gets the output tokens billed.</summary>
    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    /// <summary>Gets the USD billed, at the price file's prices (unpriced models add nothing).</summary>
    public decimal CostUsd
    {
        get
        {
            lock (_costLock)
            {
                return _costUsd;
            }
        }
    }

    /// <summary>Gets the totals as they stand now.</summary>
    public KeyTotalsSnapshot ToSnapshot() => new(Key, Requests, BilledRequests, InputTokens, OutputTokens, CostUsd);

    internal void AddRequest() => Interlocked.Increment(ref _requests);

    internal void AddInput(long tokens, decimal cost)
    {
        Interlocked.Increment(ref _billedRequests);
        Interlocked.Add(ref _inputTokens, tokens);
        AddCost(cost);
    }

    internal void AddOutput(long tokens, decimal cost)
    {
        Interlocked.Add(ref _outputTokens, tokens);
        AddCost(cost);
    }

    // Per-million prices over whole tokens are exact in decimal, so the sum of increments equals the cost of the sums.
    private void AddCost(decimal cost)
    {
        if (cost == 0)
        {
            return;
        }

        lock (_costLock)
        {
            _costUsd += cost;
        }
    }
}
