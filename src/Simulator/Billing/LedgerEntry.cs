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
    private readonly PriceTable? _price;
    private long _inputTokens;
    private long _outputTokens;
    private int _status;
    private int _outcome;

    internal LedgerEntry(long sequence, string requestId, string key, string model, string api, bool stream, DateTimeOffset startedAt, KeyTotals totals, BillingLedger ledger, PriceTable? price)
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
        _price = price;
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

    /// <summary>Gets the USD billed at the price file's prices; <see langword="null"/> for an unpriced model.</summary>
    public decimal? CostUsd => _price?.CostOf(InputTokens, OutputTokens);

    /// <summary>Gets whether the provider bills this call (it was accepted).</summary>
    public bool Billed { get; private set; }

    /// <summary>Gets when the call arrived.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets when the call ended.</summary>
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Gets a task that completes when the call has ended and its billing is final.</summary>
    [JsonIgnore]
    public Task Completion => _completion.Task;

    /// <summary>Gets the entry as it stands now.</summary>
    public LedgerEntrySnapshot ToSnapshot() =>
        new(Sequence, RequestId, Key, Model, Api, Stream, Fault, Status, Outcome, Billed, InputTokens, OutputTokens, CostUsd, StartedAt, FinishedAt);

    internal void Accept(long inputTokens)
    {
        Billed = true;
        Interlocked.Exchange(ref _inputTokens, inputTokens);
        _totals.AddInput(inputTokens, _price?.CostOf(inputTokens, 0) ?? 0);
        _ledger.OnAccepted(this);
    }

    internal void AddOutput(long tokens)
    {
        if (tokens <= 0)
        {
            return;
        }

        Interlocked.Add(ref _outputTokens, tokens);
        _totals.AddOutput(tokens, _price?.CostOf(0, tokens) ?? 0);
    }

    internal bool Finish(LedgerOutcome outcome, int status, DateTimeOffset at)
    {
        // Status and time are written before the outcome, so a reader that sees the outcome sees them too.
        lock (_completion)
        {
            if (Outcome != LedgerOutcome.Pending)
            {
                return false;
            }

            Volatile.Write(ref _status, status);
            FinishedAt = at;
            Volatile.Write(ref _outcome, (int)outcome);
        }

        _completion.TrySetResult();
        return true;
    }
}
