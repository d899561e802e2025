namespace Cascade.Router;

/// <summary>Thrown when an operation needs Redis, Redis cannot be reached, and local state cannot stand in for it.</summary>
public sealed class SharedStateUnavailableException : Exception
{
    /// <summary>Initializes the exception.</summary>
    public SharedStateUnavailableException()
        : base("Shared state (Redis) is unreachable.")
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    public SharedStateUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and the Redis failure.</summary>
    public SharedStateUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
