namespace Cascade.Router;

/// <summary>
/// Ends a streamed answer whose upstream failed after output reached the caller: thrown by the gateway once the
/// in-band error event is written and the request is settled, so the server closes the connection without the
/// response's final chunk.
/// </summary>
public sealed class StreamInterruptedException : Exception
{
    /// <summary>Initializes the exception.</summary>
    public StreamInterruptedException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    public StreamInterruptedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and its cause.</summary>
    public StreamInterruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
