namespace Cascade.Router;

/// <summary>What is kept under an <c>Idempotency-Key</c>: a request in flight, or its answer.</summary>
public sealed record IdempotencyEntry
{
    /// <summary>Gets a fingerprint of the request (SHA-256 of the path and body), so a key reused for another request is caught.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Gets when the first request with the key started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets the answer, or <see langword="null"/> while the request is in flight.</summary>
    public StoredResponse? Response { get; init; }
}
