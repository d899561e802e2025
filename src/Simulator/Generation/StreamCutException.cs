namespace Cascade.Simulator.Generation;

/// <summary>Raised inside a stream when an injected <c>cut</c> fault drops the connection.</summary>
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
