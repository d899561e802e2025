namespace Cascade.Simulator.Billing;

/// <summary>The running totals billed to one API key.</summary>
public sealed class KeyTotals
{
    private long _requests;
    private long _billedRequests;
    private long _inputTokens;
    private long _outputTokens;

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

    internal void AddRequest() => Interlocked.Increment(ref _requests);

    internal void AddInput(long tokens)
    {
        Interlocked.Increment(ref _billedRequests);
        Interlocked.Add(ref _inputTokens, tokens);
    }

    internal void AddOutput(long tokens) => Interlocked.Add(ref _outputTokens, tokens);
}
