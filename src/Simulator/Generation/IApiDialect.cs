namespace Cascade.Simulator.Generation;

/// <summary>What differs between the Anthropic and OpenAI wire formats; the rest of a call is shared.</summary>
internal interface IApiDialect
{
    /// <summary>Gets the API name recorded in the ledger.</summary>
    string Name { get; }

    /// <summary>Writes an error in the API's own shape and status.</summary>
    Task WriteErrorAsync(HttpContext context, int status, string message, string? code = null, string? param = null);

    /// <summary>Serializes the whole non-streamed answer.</summary>
    byte[] SerializeResponse(SimulatedCall call, OutputPlan plan);

    /// <summary>Streams the answer through <paramref name="session"/>, which bills each flushed piece.</summary>
    Task StreamAsync(StreamSession session, SimulatedCall call, OutputPlan plan);
}
