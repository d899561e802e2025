namespace Cascade.Simulator.Generation;

/// <summary>
/// Raised when an injected <c>cut</c> fault ends an answer mid-way. It is left unhandled on purpose: once a response
/// has started, Kestrel answers an application exception by closing the connection after what was already written,
/// without the final chunk, which is how a real dropped stream looks to a client (data, then an unexpected end).
/// </summary>
internal sealed class StreamCutException : Exception
{
    public StreamCutException()
        : base("The stream was cut by an injected fault.")
    {
    }

    public StreamCutException(string message)
        : base(message)
    {
    }

    public StreamCutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
