namespace Cascade;

/// <summary>Where one request begins on the ladder, decided once before any call.</summary>
/// <param name="Index">The start rung's position on the ladder, the final tier last.</param>
/// <param name="Decision">The decision as the route records it: mode, start tier, confidence, reason.</param>
/// <param name="Pinned">Whether the caller pinned the tier: no escalation above it.</param>
/// <param name="Probe">Whether the request probes a tier below its workload's promoted start tier.</param>
/// <param name="Faq">The entry that answers the request when the start tier is a pattern table; <see langword="null"/> otherwise.</param>
public sealed record StartPlan(int Index, RouteDecision Decision, bool Pinned, bool Probe, FaqEntry? Faq);
