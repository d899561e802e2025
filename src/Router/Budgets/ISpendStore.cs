namespace Cascade.Router;

/// <summary>
/// Reserves a request's worst case against its key's caps before it runs and settles it to the billed cost after,
/// atomically across replicas in the Redis implementation.
/// </summary>
public interface ISpendStore
{
    /// <summary>Reserves <paramref name="amount"/> against <paramref name="caps"/>, or refuses naming the cap it would pass.</summary>
    /// <param name="keyId">The API key charged.</param>
    /// <param name="amount">The USD to reserve: the request's ceiling.</param>
    /// <param name="caps">The key's caps.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<SpendAdmission> ReserveAsync(string keyId, decimal amount, SpendCaps caps, CancellationToken cancellationToken = default);

    /// <summary>Replaces a reservation by the billed cost; a reservation whose lease already ended adds the billed cost alone.</summary>
    ValueTask SettleAsync(SpendReservation reservation, decimal billed, CancellationToken cancellationToken = default);

    /// <summary>Gets a key's spend in the current day and month.</summary>
    ValueTask<SpendSnapshot> GetAsync(string keyId, CancellationToken cancellationToken = default);
}
