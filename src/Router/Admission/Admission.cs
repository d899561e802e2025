namespace Cascade.Router;

/// <summary>An admitted request: its key, its money reservation and the limits it runs under.</summary>
public sealed record Admission
{
    /// <summary>Gets the key the request is charged to.</summary>
    public required ApiKeyRecord Key { get; init; }

    /// <summary>Gets the reservation to settle when the request ends.</summary>
    public required SpendReservation Reservation { get; init; }

    /// <summary>Gets the request's cost ceiling: what was reserved, passed to the cascade as <see cref="RequestLimits.MaxCost"/>.</summary>
    public required decimal Ceiling { get; init; }

    /// <summary>Gets the rate-limit state after the request was counted.</summary>
    public required RateLimitDecision RateLimit { get; init; }

    /// <summary>Gets the request limits to hand the cascade.</summary>
    public RequestLimits Limits => new() { MaxCost = Ceiling };
}
