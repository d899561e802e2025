namespace Cascade.Router;

/// <summary>
/// Money set aside for one request before it runs: a lease that is settled to the billed cost when the request
/// ends, or returned by itself when <see cref="ExpiresAt"/> passes unsettled (the replica died in between).
/// </summary>
/// <param name="Id">The reservation's id.</param>
/// <param name="KeyId">The API key it is charged to.</param>
/// <param name="Amount">The USD reserved: the request's ceiling.</param>
/// <param name="Day">The UTC day it counts against (<c>yyyyMMdd</c>).</param>
/// <param name="Month">The UTC month it counts against (<c>yyyyMM</c>).</param>
/// <param name="ExpiresAt">When the lease ends and an unsettled amount is returned.</param>
/// <param name="Offline">Whether it was admitted on this replica's local allowance while Redis was unreachable.</param>
public sealed record SpendReservation(string Id, string KeyId, decimal Amount, string Day, string Month, DateTimeOffset ExpiresAt, bool Offline = false);
