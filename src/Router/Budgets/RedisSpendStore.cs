using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cascade.Router;

/// <summary>
/// Budgets in Redis, shared by every replica. One Lua script admits a reservation against the daily and monthly
/// caps (returning expired leases first); a settle claims the lease (one <c>HDEL</c>) and then writes the billed cost
/// in one <c>MULTI</c> block.
/// </summary>
/// <remarks>
/// <para>Counters hold nanodollars: <c>spend:{key}:d:{yyyyMMdd}</c> and <c>spend:{key}:m:{yyyyMM}</c> are the
/// committed spend (billed plus reserved), <c>spend:{key}:billed:...</c> the billed spend. Leases are a sorted set
/// by expiry plus a hash of their amounts; the key id is a hash tag, so one key's counters share a cluster slot.</para>
/// <para>While Redis is unreachable each replica admits against a local allowance:
/// <see cref="RouterOptions.OfflineAllowanceShare"/> of each cap per cap period, and never more than the cap less the
/// committed spend this replica last read from Redis. Settles made meanwhile are queued and replayed, so the shared
/// counters catch up.</para>
/// </remarks>
public sealed class RedisSpendStore : ISpendStore
{
    // KEYS: 1 daily committed, 2 monthly committed, 3 lease zset, 4 lease hash.
    // ARGV: 1 amount, 2 daily cap (-1: none), 3 monthly cap, 4 lease id, 5 now ms, 6 expiry ms, 7 daily ttl s, 8 monthly ttl s, 9 mode.
    private const string AdmitScript = """
        local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[5])
        for _, id in ipairs(expired) do
          local lease = redis.call('HGET', KEYS[4], id)
          if lease then
            local amount, dkey, mkey = string.match(lease, '^(%d+)|([^|]+)|([^|]+)$')
            redis.call('DECRBY', dkey, amount)
            redis.call('DECRBY', mkey, amount)
            redis.call('HDEL', KEYS[4], id)
          end
          redis.call('ZREM', KEYS[3], id)
        end
        local daily = tonumber(redis.call('GET', KEYS[1]) or '0')
        local monthly = tonumber(redis.call('GET', KEYS[2]) or '0')
        if ARGV[9] == 'reclaim' then
          return {1, 0, daily, monthly}
        end
        local amount = tonumber(ARGV[1])
        local dcap = tonumber(ARGV[2])
        local mcap = tonumber(ARGV[3])
        if dcap >= 0 and daily + amount > dcap then
          return {0, 1, daily, monthly}
        end
        if mcap >= 0 and monthly + amount > mcap then
          return {0, 2, daily, monthly}
        end
        redis.call('INCRBY', KEYS[1], amount)
        redis.call('EXPIRE', KEYS[1], ARGV[7])
        redis.call('INCRBY', KEYS[2], amount)
        redis.call('EXPIRE', KEYS[2], ARGV[8])
        redis.call('ZADD', KEYS[3], ARGV[6], ARGV[4])
        redis.call('HSET', KEYS[4], ARGV[4], ARGV[1] .. '|' .. KEYS[1] .. '|' .. KEYS[2])
        return {1, 0, daily + amount, monthly + amount}
        """;

    private static readonly TimeSpan DailyTtl = TimeSpan.FromDays(3);
    private static readonly TimeSpan MonthlyTtl = TimeSpan.FromDays(40);

    private readonly RouterRedis _redis;
    private readonly TimeProvider _timeProvider;
    private readonly RouterOptions _options;
    private readonly InMemorySpendStore _offline;
    private readonly ConcurrentDictionary<string, LastKnown> _lastKnown = new(StringComparer.Ordinal);

    /// <summary>Initializes the store.</summary>
    public RedisSpendStore(RouterRedis redis, IOptions<RouterOptions> options, TimeProvider timeProvider)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _options = options.Value;
        _timeProvider = timeProvider;
        _offline = new InMemorySpendStore(_options.ReservationLease, timeProvider);
    }

    /// <inheritdoc/>
    public async ValueTask<SpendAdmission> ReserveAsync(string keyId, decimal amount, SpendCaps caps, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        DateTimeOffset now = _timeProvider.GetUtcNow();
        string day = Nanodollars.Day(now);
        string month = Nanodollars.Month(now);
        if (_redis.IsAvailable)
        {
            try
            {
                string id = Guid.NewGuid().ToString("N");
                long nano = Nanodollars.RoundUp(amount);
                DateTimeOffset expires = now + _options.ReservationLease;
                RedisResult[] result = (RedisResult[])(await RunScriptAsync(_redis.Database, keyId, day, month, nano, caps, id, now, expires, "admit"))!;
                long daily = (long)result[2];
                long monthly = (long)result[3];
                _lastKnown[keyId] = new(day, daily, month, monthly);
                return (long)result[0] == 1
                    ? SpendAdmission.Admitted(new SpendReservation(id, keyId, Nanodollars.ToUsd(nano), day, month, expires), Nanodollars.ToUsd(daily))
                    : (long)result[1] == 1
                        ? SpendAdmission.Refused(SpendCap.Daily, caps.Daily!.Value, Nanodollars.ToUsd(daily))
                        : SpendAdmission.Refused(SpendCap.Monthly, caps.Monthly!.Value, Nanodollars.ToUsd(monthly));
            }
            catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
            {
                _redis.ReportFailure(ex);
            }
        }

        return ReserveOffline(keyId, amount, caps, day, month);
    }

    /// <inheritdoc/>
    public async ValueTask SettleAsync(SpendReservation reservation, decimal billed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentOutOfRangeException.ThrowIfNegative(billed);
        long billedNano = Nanodollars.Round(billed);
        Func<IDatabase, Task> write;
        if (reservation.Offline)
        {
            // The lease lived only here; Redis never counted it, so it receives the billed amount alone.
            await _offline.SettleAsync(reservation, billed, cancellationToken);
            write = db => AddBilledAsync(db, reservation, billedNano);
        }
        else
        {
            write = SettleLease(reservation, billedNano);
        }

        if (_redis.IsAvailable)
        {
            try
            {
                await write(_redis.Database);
                return;
            }
            catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
            {
                _redis.ReportFailure(ex);
            }
        }

        _redis.Outbox.Enqueue(write);
    }

    /// <inheritdoc/>
    public async ValueTask<SpendSnapshot> GetAsync(string keyId, CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        string day = Nanodollars.Day(now);
        string month = Nanodollars.Month(now);
        if (_redis.IsAvailable)
        {
            try
            {
                IDatabase db = _redis.Database;
                await RunScriptAsync(db, keyId, day, month, 0, SpendCaps.None, "", now, now, "reclaim");
                RedisValue[] values = await db.StringGetAsync(
                    [Committed(keyId, "d", day), Billed(keyId, "d", day), Committed(keyId, "m", month), Billed(keyId, "m", month)]);
                return new SpendSnapshot(keyId, day, Usd(values[0]), Usd(values[1]), month, Usd(values[2]), Usd(values[3]));
            }
            catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
            {
                _redis.ReportFailure(ex);
            }
        }

        SpendSnapshot local = await _offline.GetAsync(keyId, cancellationToken);
        LastKnown known = KnownFor(keyId, day, month);
        return local with
        {
            DailyCommitted = local.DailyCommitted + Nanodollars.ToUsd(known.Daily),
            MonthlyCommitted = local.MonthlyCommitted + Nanodollars.ToUsd(known.Monthly),
        };
    }

    private SpendAdmission ReserveOffline(string keyId, decimal amount, SpendCaps caps, string day, string month)
    {
        LastKnown known = KnownFor(keyId, day, month);
        SpendCaps allowance = new(Allowance(caps.Daily, known.Daily), Allowance(caps.Monthly, known.Monthly));
        SpendAdmission local = _offline.Reserve(keyId, amount, allowance, offline: true);
        return local.RefusedBy switch
        {
            null => local,
            SpendCap.Daily => SpendAdmission.Refused(SpendCap.Daily, caps.Daily!.Value, local.Committed + Nanodollars.ToUsd(known.Daily)),
            _ => SpendAdmission.Refused(SpendCap.Monthly, caps.Monthly!.Value, local.Committed + Nanodollars.ToUsd(known.Monthly)),
        };

        decimal? Allowance(decimal? cap, long knownCommitted) =>
            cap is { } value ? Math.Max(0, Math.Min(value * (decimal)_options.OfflineAllowanceShare, value - Nanodollars.ToUsd(knownCommitted))) : null;
    }

    private LastKnown KnownFor(string keyId, string day, string month)
    {
        LastKnown known = _lastKnown.TryGetValue(keyId, out LastKnown? last) ? last : new(day, 0, month, 0);
        return new(day, known.Day == day ? known.Daily : 0, month, known.Month == month ? known.Monthly : 0);
    }

    private Task<RedisResult> RunScriptAsync(
        IDatabase db, string keyId, string day, string month, long nano, SpendCaps caps, string leaseId, DateTimeOffset now, DateTimeOffset expires, string mode) =>
        db.ScriptEvaluateAsync(
            AdmitScript,
            [Committed(keyId, "d", day), Committed(keyId, "m", month), Leases(keyId), LeaseData(keyId)],
            [
                nano,
                caps.Daily is { } d ? Nanodollars.Round(d) : -1,
                caps.Monthly is { } m ? Nanodollars.Round(m) : -1,
                leaseId,
                now.ToUnixTimeMilliseconds(),
                expires.ToUnixTimeMilliseconds(),
                (long)DailyTtl.TotalSeconds,
                (long)MonthlyTtl.TotalSeconds,
                mode,
            ]);

    private Func<IDatabase, Task> SettleLease(SpendReservation reservation, long billedNano)
    {
        // Deleting the lease's data is the claim: an admission's reclaim skips a lease without data, and a settle
        // finding none knows the lease ended and its money went back. The claim is remembered so a replay after a
        // failed write does not mistake its own claim for an expiry.
        bool? owned = null;
        return async db =>
        {
            owned ??= await db.HashDeleteAsync(LeaseData(reservation.KeyId), reservation.Id);
            if (owned == false)
            {
                await AddBilledAsync(db, reservation, billedNano);
                return;
            }

            long delta = billedNano - Nanodollars.RoundUp(reservation.Amount);
            ITransaction transaction = db.CreateTransaction();
            _ = transaction.StringIncrementAsync(Committed(reservation.KeyId, "d", reservation.Day), delta);
            _ = transaction.StringIncrementAsync(Committed(reservation.KeyId, "m", reservation.Month), delta);
            _ = transaction.SortedSetRemoveAsync(Leases(reservation.KeyId), reservation.Id);
            QueueBilled(transaction, reservation, billedNano);
            await transaction.ExecuteAsync();
        };
    }

    private async Task AddBilledAsync(IDatabase db, SpendReservation reservation, long billedNano)
    {
        ITransaction transaction = db.CreateTransaction();
        _ = transaction.StringIncrementAsync(Committed(reservation.KeyId, "d", reservation.Day), billedNano);
        _ = transaction.StringIncrementAsync(Committed(reservation.KeyId, "m", reservation.Month), billedNano);
        _ = transaction.KeyExpireAsync(Committed(reservation.KeyId, "d", reservation.Day), DailyTtl);
        _ = transaction.KeyExpireAsync(Committed(reservation.KeyId, "m", reservation.Month), MonthlyTtl);
        QueueBilled(transaction, reservation, billedNano);
        await transaction.ExecuteAsync();
    }

    private void QueueBilled(ITransaction transaction, SpendReservation reservation, long billedNano)
    {
        _ = transaction.StringIncrementAsync(Billed(reservation.KeyId, "d", reservation.Day), billedNano);
        _ = transaction.StringIncrementAsync(Billed(reservation.KeyId, "m", reservation.Month), billedNano);
        _ = transaction.KeyExpireAsync(Billed(reservation.KeyId, "d", reservation.Day), DailyTtl);
        _ = transaction.KeyExpireAsync(Billed(reservation.KeyId, "m", reservation.Month), MonthlyTtl);
    }

    private RedisKey Committed(string keyId, string period, string value) => _redis.Key($"spend:{{{keyId}}}:{period}:{value}");

    private RedisKey Billed(string keyId, string period, string value) => _redis.Key($"spend:{{{keyId}}}:billed:{period}:{value}");

    private RedisKey Leases(string keyId) => _redis.Key($"spend:{{{keyId}}}:leases");

    private RedisKey LeaseData(string keyId) => _redis.Key($"spend:{{{keyId}}}:lease-data");

    private static decimal Usd(RedisValue value) => value.IsNull ? 0 : Nanodollars.ToUsd((long)value);

    private sealed record LastKnown(string Day, long Daily, string Month, long Monthly);
}
