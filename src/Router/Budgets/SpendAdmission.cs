namespace Cascade.Router;

/// <summary>The answer to a reservation: admitted with a lease, or refused naming the cap it would pass.</summary>
public sealed record SpendAdmission
{
    /// <summary>Gets the reservation when admitted.</summary>
    public SpendReservation? Reservation { get; init; }

    /// <summary>Gets the cap the reservation would have passed, when refused.</summary>
    public SpendCap? RefusedBy { get; init; }

    /// <summary>Gets the refused cap's USD value.</summary>
    public decimal? CapValue { get; init; }

    /// <summary>Gets the USD already committed (spent plus reserved) against the refused cap, or against the daily counter when admitted.</summary>
    public decimal Committed { get; init; }

    /// <summary>Gets whether the reservation was admitted.</summary>
    public bool IsAdmitted => Reservation is not null;

    /// <summary>Creates an admission.</summary>
    public static SpendAdmission Admitted(SpendReservation reservation, decimal committed) => new() { Reservation = reservation, Committed = committed };

    /// <summary>Creates a refusal.</summary>
    public static SpendAdmission Refused(SpendCap cap, decimal capValue, decimal committed) => new() { RefusedBy = cap, CapValue = capValue, Committed = committed };
}
