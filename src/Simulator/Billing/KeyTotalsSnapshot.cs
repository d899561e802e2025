namespace Cascade.Simulator.Billing;

/// <summary>The totals billed to one API key at one moment.</summary>
/// <param name="Key">The API key.</param>
/// <param name="Requests">The calls received.</param>
/// <param name="BilledRequests">The calls accepted and billed.</param>
/// <param name="InputTokens">The input tokens billed.</param>
/// <param name="OutputTokens">The output tokens billed.</param>
/// <param name="CostUsd">The USD billed at the price file's prices.</param>
public sealed record KeyTotalsSnapshot(string Key, long Requests, long BilledRequests, long InputTokens, long OutputTokens, decimal CostUsd);
