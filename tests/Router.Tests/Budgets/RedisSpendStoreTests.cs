using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Cascade.Router.Tests;

public sealed class RedisSpendStoreTests(SharedRedisFixture redis)
{
    [Fact]
    public async Task Reserve_HoldsTheCapUnder200ConcurrentRequestsAcrossTwoReplicas()
    {
        IOptions<RouterOptions> options = TestRouter.Options();
        FakeTimeProvider clock = TestRouter.Clock();
        await using IConnectionMultiplexer second = await redis.Server.ConnectAsync();
        RedisSpendStore[] replicas =
        [
            new(TestRouter.Redis(redis.Connection, options, clock), options, clock),
            new(TestRouter.Redis(second, options, clock), options, clock),
        ];
        const decimal ceiling = 0.05m;
        var caps = new SpendCaps(Daily: 2.00m, Monthly: 5.00m);

        decimal[] billed = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            RedisSpendStore store = replicas[i % 2];
            SpendAdmission admission = await store.ReserveAsync("key_shared", ceiling, caps);
            if (admission.Reservation is not { } reservation)
            {
                return 0m;
            }

            decimal cost = 0.01m + ((i % 5) * 0.01m);
            await store.SettleAsync(reservation, cost);
            return cost;
        }));

        SpendSnapshot spend = await replicas[0].GetAsync("key_shared");
        spend.DailyBilled.ShouldBe(billed.Sum());
        spend.DailyCommitted.ShouldBe(billed.Sum());
        spend.DailyBilled.ShouldBeLessThanOrEqualTo(caps.Daily!.Value + ceiling);
        billed.Count(b => b > 0).ShouldBeLessThan(200, "the cap must refuse some of the 200 requests");
        billed.Count(b => b > 0).ShouldBeGreaterThanOrEqualTo(40, "reservations settle to less than the ceiling, freeing room");
    }

    [Fact]
    public async Task Reserve_NeverAdmitsPastTheCapWhileReservationsAreOutstanding()
    {
        IOptions<RouterOptions> options = TestRouter.Options();
        FakeTimeProvider clock = TestRouter.Clock();
        var store = new RedisSpendStore(TestRouter.Redis(redis.Connection, options, clock), options, clock);

        SpendAdmission[] admissions = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => store.ReserveAsync("key_cap", 0.03m, new SpendCaps(1.00m, null)).AsTask()));

        admissions.Count(a => a.IsAdmitted).ShouldBe(33);
        admissions.First(a => !a.IsAdmitted).RefusedBy.ShouldBe(SpendCap.Daily);
        (await store.GetAsync("key_cap")).DailyCommitted.ShouldBe(0.99m);
    }

    [Fact]
    public async Task Reserve_ReturnsTheMoneyOfALeaseWhoseReplicaDiedBeforeSettling()
    {
        IOptions<RouterOptions> options = TestRouter.Options(o => o.ReservationLease = TimeSpan.FromMinutes(2));
        FakeTimeProvider clock = TestRouter.Clock();
        var crashed = new RedisSpendStore(TestRouter.Redis(redis.Connection, options, clock), options, clock);
        var survivor = new RedisSpendStore(TestRouter.Redis(redis.Connection, options, clock), options, clock);
        var caps = new SpendCaps(Daily: 1.00m, Monthly: null);
        SpendReservation lost = (await crashed.ReserveAsync("key_lease", 0.80m, caps)).Reservation!;
        (await survivor.ReserveAsync("key_lease", 0.50m, caps)).IsAdmitted.ShouldBeFalse();

        clock.Advance(TimeSpan.FromMinutes(2));

        SpendReservation next = (await survivor.ReserveAsync("key_lease", 0.50m, caps)).Reservation!;
        await survivor.SettleAsync(next, 0.20m);

        // The dead replica's settle, should it come late after all, adds its billed cost without undoing the return twice.
        await crashed.SettleAsync(lost, 0.10m);
        SpendSnapshot spend = await survivor.GetAsync("key_lease");
        spend.DailyCommitted.ShouldBe(0.30m);
        spend.DailyBilled.ShouldBe(0.30m);
    }

    [Fact]
    public async Task Reserve_AdmitsOnTheOfflineAllowanceWhileRedisIsDown_AndSettlesCatchUpAfter()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        await using IConnectionMultiplexer connection = await server.ConnectAsync();
        IOptions<RouterOptions> options = TestRouter.Options(o => o.OfflineAllowanceShare = 0.25);
        FakeTimeProvider clock = TestRouter.Clock();
        RouterRedis access = TestRouter.Redis(connection, options, clock);
        var store = new RedisSpendStore(access, options, clock);
        var caps = new SpendCaps(Daily: 1.00m, Monthly: null);
        await store.SettleAsync((await store.ReserveAsync("key_offline", 0.10m, caps)).Reservation!, 0.10m);

        await server.StopAsync();
        await RedisOutage.WaitUntilDisconnectedAsync(connection);

        SpendAdmission first = await store.ReserveAsync("key_offline", 0.20m, caps);
        first.Reservation.ShouldNotBeNull().Offline.ShouldBeTrue();
        SpendAdmission second = await store.ReserveAsync("key_offline", 0.10m, caps);
        second.IsAdmitted.ShouldBeFalse("the offline allowance is 25% of the $1.00 cap");
        second.RefusedBy.ShouldBe(SpendCap.Daily);
        await store.SettleAsync(first.Reservation, 0.15m);
        access.Outbox.Count.ShouldBe(1);

        await server.RestartAsync();
        await RedisOutage.WaitUntilReconnectedAsync(connection);
        clock.Advance(TimeSpan.FromSeconds(2));
        (await access.Outbox.FlushAsync()).ShouldBe(1);

        // The restarted server is empty: what it holds now is exactly what was settled while it was gone.
        SpendSnapshot spend = await store.GetAsync("key_offline");
        spend.DailyBilled.ShouldBe(0.15m);
        spend.DailyCommitted.ShouldBe(0.15m);
    }
}
