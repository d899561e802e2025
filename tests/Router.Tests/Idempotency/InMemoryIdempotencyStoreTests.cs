namespace Cascade.Router.Tests;

public sealed class InMemoryIdempotencyStoreTests
{
    [Fact]
    public async Task Begin_LetsAKeyRunAgainOnceItsInFlightLeaseEnds()
    {
        var clock = TestRouter.Clock();
        var store = new InMemoryIdempotencyStore(TestRouter.Options(o => o.IdempotencyLease = TimeSpan.FromMinutes(1)), clock);
        (await store.BeginAsync("s", "k", "fp")).Status.ShouldBe(IdempotencyStatus.Started);
        (await store.BeginAsync("s", "k", "fp")).Status.ShouldBe(IdempotencyStatus.InFlight);

        clock.Advance(TimeSpan.FromMinutes(1));

        (await store.BeginAsync("s", "k", "fp")).Status.ShouldBe(IdempotencyStatus.Started);
    }

    [Fact]
    public async Task Begin_ForgetsAnAnswerAfterTheRetention()
    {
        var clock = TestRouter.Clock();
        var store = new InMemoryIdempotencyStore(TestRouter.Options(o => o.IdempotencyRetention = TimeSpan.FromHours(1)), clock);
        await store.BeginAsync("s", "k", "fp");
        await store.CompleteAsync("s", "k", "fp", new StoredResponse(200, "application/json", "{}", new Dictionary<string, string>()));
        clock.Advance(TimeSpan.FromMinutes(59));
        (await store.BeginAsync("s", "k", "fp")).Status.ShouldBe(IdempotencyStatus.Completed);

        clock.Advance(TimeSpan.FromMinutes(1));

        (await store.BeginAsync("s", "k", "fp")).Status.ShouldBe(IdempotencyStatus.Started);
    }
}
