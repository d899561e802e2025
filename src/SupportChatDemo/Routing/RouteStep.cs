namespace Cascade.SupportChatDemo.Routing;

/// <summary>One attempt of a router request, from the router's attempt log (<c>GET /v1/requests/{id}</c>).</summary>
/// <param name="Tier">The tier tried.</param>
/// <param name="Model">The model tried.</param>
/// <param name="Kind">How the attempt came about: <c>Initial</c>, <c>Retry</c>, <c>Fallback</c>, <c>Escalation</c>...</param>
/// <param name="Outcome">What became of it: <c>Accepted</c>, <c>Rejected</c>, <c>Kept</c>, <c>Failed</c>...</param>
/// <param name="Detail">Why: the quality gate's verdict and reason, or the failure cause.</param>
/// <param name="CostUsd">The billed USD cost of the attempt.</param>
public sealed record RouteStep(string Tier, string Model, string Kind, string Outcome, string? Detail, decimal CostUsd);
