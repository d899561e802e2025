namespace Cascade.Simulator.Faults;

/// <summary>The body of <c>PUT /admin/faults/{model}</c>: <c>{"fault":"529;retry-after=3"}</c>.</summary>
/// <param name="Fault">The fault in the <c>x-sim-fault</c> syntax.</param>
public sealed record FaultUpdate(string? Fault);
