namespace Cascade.Simulator.Generation;

/// <summary>The HTTP headers the simulator reads and writes.</summary>
public static class SimulatorHeaders
{
    /// <summary>Injects a fault into this request, in the <see cref="Faults.FaultSpec"/> syntax (e.g. <c>429;retry-after=2</c>).</summary>
    public const string Fault = "x-sim-fault";

    /// <summary>The request id the ledger files the call under (preferred).</summary>
    public const string CascadeRequestId = "x-cascade-request-id";

    /// <summary>The request id the ledger files the call under, when <see cref="CascadeRequestId"/> is absent.</summary>
    public const string RequestId = "x-request-id";

    /// <summary>The request id echoed on Anthropic responses.</summary>
    public const string AnthropicRequestId = "request-id";

    /// <summary>The admin key of <c>/admin</c> endpoints (or <c>Authorization: Bearer</c>).</summary>
    public const string AdminKey = "x-admin-key";

    /// <summary>The Anthropic API key header.</summary>
    public const string ApiKey = "x-api-key";

    /// <summary>Sent by Anthropic clients; tells <c>GET /v1/models</c> which shape to answer in.</summary>
    public const string AnthropicVersion = "anthropic-version";
}
