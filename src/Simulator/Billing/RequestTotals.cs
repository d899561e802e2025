namespace Cascade.Simulator.Billing;

/// <summary>What one request id was billed, over every provider call filed under it.</summary>
/// <param name="RequestId">The request id.</param>
/// <param name="Calls">The provider calls.</param>
/// <param name="BilledCalls">The calls accepted and billed.</param>
/// <param name="InputTokens">The input tokens billed.</param>
/// <param name="OutputTokens">The output tokens billed.</param>
/// <param name="CostUsd">The USD billed at the price file's prices (unpriced models add nothing).</param>
public sealed record RequestTotals(string RequestId, int Calls, int BilledCalls, long InputTokens, long OutputTokens, decimal CostUsd);
