namespace Cascade.Router;

/// <summary>A deployment's circuit as <c>GET /admin/circuits</c> reports it.</summary>
/// <param name="Tier">The tier holding the deployment.</param>
/// <param name="Deployment">The deployment's name.</param>
/// <param name="Provider">The deployment's provider.</param>
/// <param name="Model">The deployment's model.</param>
/// <param name="CircuitKey">The circuit's key in shared state (<c>tier/deployment</c>).</param>
/// <param name="State">Closed, open or half-open.</param>
/// <param name="ConsecutiveFailures">Counted failures since the last success.</param>
/// <param name="ProbeSuccesses">Successful probes while half-open.</param>
/// <param name="OpenedAt">When the circuit last opened; <see langword="null"/> while closed.</param>
/// <param name="NextProbeAt">When an open circuit lets its first probe through; <see langword="null"/> while closed.</param>
public sealed record CircuitView(
    string Tier,
    string Deployment,
    string Provider,
    string Model,
    string CircuitKey,
    CircuitState State,
    int ConsecutiveFailures,
    int ProbeSuccesses,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? NextProbeAt);
