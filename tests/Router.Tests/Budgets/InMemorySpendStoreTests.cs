namespace Cascade.Router.Tests;

public sealed class InMemorySpendStoreTests
{
    [Fact]
    public async Task Reserve_RefusesNamingTheDailyCap_WhenTheCeilingWouldPassIt()
    {
        var clock = TestRouter.Clock();
        var store = new InMemorySpendStore(TestRouter.Options(), clock);
        var caps = new SpendCaps(Daily: 1.00m, Monthly: 10m);

        (await store.ReserveAsync("k", 0.60m, caps)).IsAdmitted.ShouldBeTrue();
        SpendAdmission refused = await store.ReserveAsync("k", 0.60m, caps);

        refused.IsAdmitted.ShouldBeFalse();
        refused.RefusedBy.ShouldBe(SpendCap.Daily);
        refused.CapValue.ShouldBe(1.00m);
        refused.Committed.ShouldBe(0.60m);
    }

    [Fact]
    public async Task Settle_ReplacesTheReservationByTheBilledCost()
    {
        var store = new InMemorySpendStore(TestRouter.Options(), TestRouter.Clock());
        var caps = new SpendCaps(Daily: 1.00m, Monthly: null);
        SpendReservation reservation = (await store.ReserveAsync("k", 0.60m, caps)).Reservation!;

        await store.SettleAsync(reservation, 0.000123m);

        SpendSnapshot spend = await store.GetAsync("k");
        spend.DailyCommitted.ShouldBe(0.000123m);
        spend.DailyBilled.ShouldBe(0.000123m);
        spend.MonthlyBilled.ShouldBe(0.000123m);
        (await store.ReserveAsync("k", 0.99m, caps)).IsAdmitted.ShouldBeTrue();
    }

    [Fact]
    public async Task Reserve_ReturnsTheMoneyOfALeaseThatEndedUnsettled()
    {
        var clock = TestRouter.Clock();
        var store = new InMemorySpendStore(TestRouter.Options(o => o.ReservationLease = TimeSpan.FromMinutes(5)), clock);
        var caps = new SpendCaps(Daily: 1.00m, Monthly: null);
        SpendReservation crashed = (await store.ReserveAsync("k", 1.00m, caps)).Reservation!;
        (await store.ReserveAsync("k", 0.10m, caps)).IsAdmitted.ShouldBeFalse();

        clock.Advance(TimeSpan.FromMinutes(5));

        (await store.ReserveAsync("k", 0.10m, caps)).IsAdmitted.ShouldBeTrue();

        // A settle arriving after its lease ended adds the billed cost whole, never a negative difference.
        await store.SettleAsync(crashed, 0.30m);
        (await store.GetAsync("k")).DailyCommitted.ShouldBe(0.40m);
    }

    [Fact]
    public async Task Reserve_CountsAgainstANewDayAfterMidnightUtc_ButTheSameMonth()
    {
        var clock = TestRouter.Clock();
        var store = new InMemorySpendStore(TestRouter.Options(), clock);
        var caps = new SpendCaps(Daily: 1.00m, Monthly: 1.50m);
        await store.SettleAsync((await store.ReserveAsync("k", 1.00m, caps)).Reservation!, 1.00m);

        clock.Advance(TimeSpan.FromHours(14));

        (await store.ReserveAsync("k", 0.40m, caps)).IsAdmitted.ShouldBeTrue();
        SpendAdmission refused = await store.ReserveAsync("k", 0.40m, caps);
        refused.RefusedBy.ShouldBe(SpendCap.Monthly);
        refused.Committed.ShouldBe(1.40m);
    }

    [Fact]
    public async Task Reserve_RejectsANegativeAmount()
    {
        var store = new InMemorySpendStore(TestRouter.Options(), TestRouter.Clock());
        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await store.ReserveAsync("k", -1m, SpendCaps.None));
    }
}
