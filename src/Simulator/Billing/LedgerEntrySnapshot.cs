namespace Cascade.Simulator.Billing;

/// <summary>One provider call as billed at one moment (the wire form of <see cref="LedgerEntry"/>).</summary>
/// <param name="Sequence">The ledger's running number of the call.</param>
/// <param name="RequestId">The request id.</param>
/// <param name="Key">The API key billed.</param>
/// <param name="Model">The model id.</param>
/// <param name="Api"><c>anthropic</c> or <c>openai</c>.</param>
/// <param name="Stream">Whether the answer was streamed.</param>
/// <param name="Fault">The injected fault, if any.</param>
/// <param name="Status">The HTTP status sent (0 when the connection dropped first).</param>
/// <param name="Outcome">How the call ended.</param>
/// <param name="Billed">Whether the call was accepted and billed.</param>
/// <param name="InputTokens">The input tokens billed.</param>
/// <param name="OutputTokens">The output tokens billed.</param>
/// <param name="CostUsd">The USD billed at the price file's prices; <see langword="null"/> for an unpriced model.</param>
/// <param name="StartedAt">When the call arrived.</param>
/// <param name="FinishedAt">When it ended.</param>
public sealed record LedgerEntrySnapshot(
    long Sequence, string RequestId, string Key, string Model, string Api, bool Stream, string? Fault, int Status,
    LedgerOutcome Outcome, bool Billed, long InputTokens, long OutputTokens, decimal? CostUsd, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt);
