namespace Cascade.AppHost.Hosting;

/// <summary>The AppHost could not be built or started; the message says what to fix.</summary>
public sealed class DistributedApplicationException : Exception
{
    /// <summary>Initializes an exception with no message.</summary>
    public DistributedApplicationException()
    {
    }

    /// <summary>Initializes an exception with <paramref name="message"/>.</summary>
    public DistributedApplicationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public DistributedApplicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
