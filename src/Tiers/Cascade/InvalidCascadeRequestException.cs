namespace Cascade;

/// <summary>
/// The request itself cannot be run, whatever the providers do: it has no messages, pins a tier the ladder does not
/// have, carries an option of the wrong type, or holds a prompt larger than every tier's context window.
/// </summary>
/// <remarks>
/// Thrown before any model is called. A gateway answers it as the caller's error; any other exception out of a
/// cascade is a failure of the cascade or its providers, never the caller's.
/// </remarks>
public sealed class InvalidCascadeRequestException : ArgumentException
{
    /// <summary>Initializes the exception.</summary>
    /// <param name="message">What is wrong with the request and how to fix it.</param>
    /// <param name="paramName">The argument at fault (<c>messages</c> or <c>options</c>), when known.</param>
    public InvalidCascadeRequestException(string message, string? paramName = null)
        : base(message, paramName)
    {
    }
}
