using Microsoft.Extensions.Options;

namespace Cascade.Router;

/// <summary>
/// A process-local <see cref="ISpendStore"/> with the same rules as the Redis one (caps on committed spend, leases
/// that return their money when they end unsettled); used when no Redis is configured and for the offline allowance.
/// </summary>
public sealed class InMemorySpendStore : ISpendStore
{
    private readonly Dictionary<string, long> _committed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _billed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SpendReservation> _leases = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _lease;

    /// <summary>Initializes the store.</summary>
    public InMemorySpendStore(IOptions<RouterOptions> options, TimeProvider timeProvider)
        : this(options.Value.ReservationLease, timeProvider)
    {
    }

    internal InMemorySpendStore(TimeSpan lease, TimeProvider timeProvider)
    {
        _lease = lease;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc/>
    public ValueTask<SpendAdmission> ReserveAsync(string keyId, decimal amount, SpendCaps caps, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Reserve(keyId, amount, caps, offline: false));

    internal SpendAdmission Reserve(string keyId, decimal amount, SpendCaps caps, bool offline)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        DateTimeOffset now = _timeProvider.GetUtcNow();
        string day = Nanodollars.Day(now);
        string month = Nanodollars.Month(now);
        long nano = Nanodollars.RoundUp(amount);
        lock (_lock)
        {
            ReclaimExpired(now);
            long daily = Get(_committed, DailyKey(keyId, day));
            long monthly = Get(_committed, MonthlyKey(keyId, month));
            if (caps.Daily is { } dailyCap && daily + nano > Nanodollars.Round(dailyCap))
            {
                return SpendAdmission.Refused(SpendCap.Daily, dailyCap, Nanodollars.ToUsd(daily));
            }

            if (caps.Monthly is { } monthlyCap && monthly + nano > Nanodollars.Round(monthlyCap))
            {
                return SpendAdmission.Refused(SpendCap.Monthly, monthlyCap, Nanodollars.ToUsd(monthly));
            }

            _committed[DailyKey(keyId, day)] = daily + nano;
            _committed[MonthlyKey(keyId, month)] = monthly + nano;
            SpendReservation reservation = new(Guid.NewGuid().ToString("N"), keyId, Nanodollars.ToUsd(nano), day, month, now + _lease, offline);
            _leases[reservation.Id] = reservation;
            return SpendAdmission.Admitted(reservation, Nanodollars.ToUsd(daily + nano));
        }
    }

    /// <inheritdoc/>
    public ValueTask SettleAsync(SpendReservation reservation, decimal billed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentOutOfRangeException.ThrowIfNegative(billed);
        long billedNano = Nanodollars.Round(billed);
        lock (_lock)
        {
            // A lease that already ended gave its money back; the billed cost is then added whole.
            long delta = _leases.Remove(reservation.Id) ? billedNano - Nanodollars.RoundUp(reservation.Amount) : billedNano;
            Add(_committed, DailyKey(reservation.KeyId, reservation.Day), delta);
            Add(_committed, MonthlyKey(reservation.KeyId, reservation.Month), delta);
            Add(_billed, DailyKey(reservation.KeyId, reservation.Day), billedNano);
            Add(_billed, MonthlyKey(reservation.KeyId, reservation.Month), billedNano);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<SpendSnapshot> GetAsync(string keyId, CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        string day = Nanodollars.Day(now);
        string month = Nanodollars.Month(now);
        lock (_lock)
        {
            ReclaimExpired(now);
            return ValueTask.FromResult(new SpendSnapshot(
                keyId,
                day,
                Nanodollars.ToUsd(Get(_committed, DailyKey(keyId, day))),
                Nanodollars.ToUsd(Get(_billed, DailyKey(keyId, day))),
                month,
                Nanodollars.ToUsd(Get(_committed, MonthlyKey(keyId, month))),
                Nanodollars.ToUsd(Get(_billed, MonthlyKey(keyId, month)))));
        }
    }

    private void ReclaimExpired(DateTimeOffset now)
    {
        foreach (SpendReservation lease in _leases.Values.Where(l => l.ExpiresAt <= now).ToArray())
        {
            long nano = Nanodollars.RoundUp(lease.Amount);
            Add(_committed, DailyKey(lease.KeyId, lease.Day), -nano);
            Add(_committed, MonthlyKey(lease.KeyId, lease.Month), -nano);
            _leases.Remove(lease.Id);
        }
    }

    private static string DailyKey(string keyId, string day) => $"{keyId}/d/{day}";

    private static string MonthlyKey(string keyId, string month) => $"{keyId}/m/{month}";

    private static long Get(Dictionary<string, long> counters, string key) => counters.TryGetValue(key, out long value) ? value : 0;

    private static void Add(Dictionary<string, long> counters, string key, long delta) => counters[key] = Get(counters, key) + delta;
}
