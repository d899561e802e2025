using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Cascade.Router.Tests;

public sealed class RedisIdempotencyStoreTests(SharedRedisFixture redis)
{
    private static readonly StoredResponse Answer = new(200, "application/json", """{"id":"chatcmpl-1"}""", new Dictionary<string, string> { ["x-cascade-tier"] = "haiku" });

    [Fact]
    public async Task Begin_StartsOnce_RefusesTheSecondInFlight_AndReplaysTheAnswerOnAnotherReplica()
    {
        IOptions<RouterOptions> options = TestRouter.Options();
        FakeTimeProvider clock = TestRouter.Clock();
        await using IConnectionMultiplexer second = await redis.Server.ConnectAsync();
        var a = new RedisIdempotencyStore(TestRouter.Redis(redis.Connection, options, clock), options, clock);
        var b = new RedisIdempotencyStore(TestRouter.Redis(second, options, clock), options, clock);

        IdempotencyBegin[] begins = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).BeginAsync("key_1", "order-42", "fp").AsTask()));
        begins.Count(x => x.Status == IdempotencyStatus.Started).ShouldBe(1);
        begins.Count(x => x.Status == IdempotencyStatus.InFlight).ShouldBe(19);

        await a.CompleteAsync("key_1", "order-42", "fp", Answer);

        IdempotencyBegin replay = await b.BeginAsync("key_1", "order-42", "fp");
        replay.Status.ShouldBe(IdempotencyStatus.Completed);
        replay.Response.ShouldBe(Answer with { Headers = replay.Response!.Headers });
        replay.Response.Headers["x-cascade-tier"].ShouldBe("haiku");
    }

    [Fact]
    public async Task Begin_RefusesAKeyReusedForAnotherRequest_AndScopesKeysByApiKey()
    {
        IOptions<RouterOptions> options = TestRouter.Options();
        FakeTimeProvider clock = TestRouter.Clock();
        var store = new RedisIdempotencyStore(TestRouter.Redis(redis.Connection, options, clock), options, clock);
        (await store.BeginAsync("key_1", "k", "fp-1")).Status.ShouldBe(IdempotencyStatus.Started);

        (await store.BeginAsync("key_1", "k", "fp-2")).Status.ShouldBe(IdempotencyStatus.Mismatch);
        (await store.BeginAsync("key_2", "k", "fp-2")).Status.ShouldBe(IdempotencyStatus.Started);
    }

    [Fact]
    public async Task Abandon_ReleasesAClaimSoARetryRuns_ButNeverAStoredAnswer()
    {
        IOptions<RouterOptions> options = TestRouter.Options();
        FakeTimeProvider clock = TestRouter.Clock();
        var store = new RedisIdempotencyStore(TestRouter.Redis(redis.Connection, options, clock), options, clock);
        await store.BeginAsync("key_1", "a", "fp");
        await store.AbandonAsync("key_1", "a");
        (await store.BeginAsync("key_1", "a", "fp")).Status.ShouldBe(IdempotencyStatus.Started);

        await store.CompleteAsync("key_1", "a", "fp", Answer);
        await store.AbandonAsync("key_1", "a");
        (await store.BeginAsync("key_1", "a", "fp")).Status.ShouldBe(IdempotencyStatus.Completed);
    }

    [Fact]
    public async Task Complete_WhileRedisIsDown_IsServedLocallyAndReplayedWhenRedisReturns()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        await using IConnectionMultiplexer connection = await server.ConnectAsync();
        IOptions<RouterOptions> options = TestRouter.Options();
        FakeTimeProvider clock = TestRouter.Clock();
        RouterRedis access = TestRouter.Redis(connection, options, clock);
        var store = new RedisIdempotencyStore(access, options, clock);

        await server.StopAsync();
        await RedisOutage.WaitUntilDisconnectedAsync(connection);
        (await store.BeginAsync("key_1", "b", "fp")).Status.ShouldBe(IdempotencyStatus.Started);
        await store.CompleteAsync("key_1", "b", "fp", Answer);
        (await store.BeginAsync("key_1", "b", "fp")).Status.ShouldBe(IdempotencyStatus.Completed);

        await server.RestartAsync();
        await RedisOutage.WaitUntilReconnectedAsync(connection);
        (await access.Outbox.FlushAsync()).ShouldBe(1);
        clock.Advance(TimeSpan.FromSeconds(2));

        var otherReplica = new RedisIdempotencyStore(TestRouter.Redis(connection, options, clock), options, clock);
        (await otherReplica.BeginAsync("key_1", "b", "fp")).Status.ShouldBe(IdempotencyStatus.Completed);
    }
}
