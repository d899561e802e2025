using System.Text.Json.Serialization;

namespace Cascade.Simulator.Billing;

/// <summary>
/// One provider call as the simulated provider bills it: input tokens once the call is accepted, output tokens as
/// they are flushed to the client.
/// </summary>
public sealed class LedgerEntry
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly KeyTotals _totals;
    private readonly BillingLedger _ledger;
    private long _inputTokens;
    private long _outputTokens;
    private int _status;
    private int _outcome;

    internal LedgerEntry(long sequence, string requestId, string key, string model, string api, bool stream, DateTimeOffset startedAt, KeyTotals totals, BillingLedger ledger)
    {
        Sequence = sequence;
        RequestId = requestId;
        Key = key;
        Model = model;
        Api = api;
        Stream = stream;
        StartedAt = startedAt;
        _totals = totals;
        _ledger = ledger;
    }

    /// <summary>Gets the ledger's running number of this call.</summary>
    public long Sequence { get; }

    /// <summary>Gets the request id (from <c>x-cascade-request-id</c>/<c>x-request-id</c>, or generated).</summary>
    public string RequestId { get; }

    /// <summary>Gets the API key billed.</summary>
    public string Key { get; }

    /// <summary>Gets the model id.</summary>
    public string Model { get; }

    /// <summary>Gets the API shape: <c>anthropic</c> or <c>openai</c>.</summary>
    public string Api { get; }

    /// <summary>Gets whether the answer was streamed.</summary>
    public bool Stream { get; }

    /// <summary>Gets the fault injected, in the <c>x-sim-fault</c> syntax.</summary>
    public string? Fault { get; internal set; }

    /// <summary>Gets the HTTP status sent (0 when the connection was dropped before a status).</summary>
    public int Status => Volatile.Read(ref _status);

    /// <summary>Gets how the call ended.</summary>
    public LedgerOutcome Outcome => (LedgerOutcome)Volatile.Read(ref _outcome);

    /// <summary>Gets the input tokens billed.</summary>
    public long InputTokens => Interlocked.Read(ref _inputTokens);

    /// <summary>Gets the output tokens billed.</summary>
    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    /// <summary>Gets whether the provider bills this call (it was accepted).</summary>
    public bool Billed { get; private set; }

    /// <summary>Gets when the call arrived.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets when the call ended.</summary>
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Gets a task that completes when the call has ended and its billing is final.</summary>
    [JsonIgnore]
    public Task Completion => _completion.Task;

    internal void Accept(long inputTokens)
    {
        Billed = true;
        Interlocked.Exchange(ref _inputTokens, inputTokens);
        _totals.AddInput(inputTokens);
        _ledger.OnAccepted(this);
    }

    internal void AddOutput(long tokens)
    {
        if (tokens <= 0)
        {
            return;
        }

        Interlocked.Add(ref _outputTokens, tokens);
        _totals.AddOutput(tokens);
    }

    internal void Finish(LedgerOutcome outcome, int status, DateTimeOffset at)
    {
        if (Interlocked.CompareExchange(ref _outcome, (int)outcome, (int)LedgerOutcome.Pending) != (int)LedgerOutcome.Pending)
        {
            return;
        }

        Volatile.Write(ref _status, status);
        FinishedAt = at;
        _completion.TrySetResult();
    }
}
