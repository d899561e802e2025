namespace Cascade.Router;

/// <summary>The rule both stores apply to a key that is already claimed.</summary>
internal static class IdempotencyDecision
{
    public static IdempotencyBegin Decide(IdempotencyEntry existing, string fingerprint) =>
        existing.Fingerprint != fingerprint
            ? new(IdempotencyStatus.Mismatch)
            : existing.Response is { } response
                ? new(IdempotencyStatus.Completed, response)
                : new(IdempotencyStatus.InFlight);
}
