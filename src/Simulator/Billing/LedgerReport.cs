namespace Cascade.Simulator.Billing;

/// <summary>The body of <c>GET /admin/ledger</c>.</summary>
/// <param name="Keys">The totals per API key.</param>
/// <param name="Requests">The totals per request id of the kept calls.</param>
/// <param name="Entries">The kept calls, oldest first.</param>
public sealed record LedgerReport(IReadOnlyList<KeyTotalsSnapshot> Keys, IReadOnlyList<RequestTotals> Requests, IReadOnlyList<LedgerEntrySnapshot> Entries);
