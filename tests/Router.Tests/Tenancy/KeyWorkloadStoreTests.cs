using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Cascade.Router.Tests;

public sealed class KeyWorkloadStoreTests(SharedRedisFixture redis)
{
    [Fact]
    public async Task Redis_Claim_HoldsTheBoundAcrossReplicas_AndKeepsAKeysExistingWorkloads()
    {
        IOptions<RouterOptions> options = TestRouter.Options();
        FakeTimeProvider clock = TestRouter.Clock();
        await using IConnectionMultiplexer second = await redis.Server.ConnectAsync();
        var a = new RedisKeyWorkloadStore(TestRouter.Redis(redis.Connection, options, clock));
        var b = new RedisKeyWorkloadStore(TestRouter.Redis(second, options, clock));

        (await a.ClaimAsync("key_a", "one", 2)).Allowed.ShouldBeTrue();
        (await b.ClaimAsync("key_a", "two", 2)).Allowed.ShouldBeTrue();
        WorkloadClaim refused = await a.ClaimAsync("key_a", "three", 2);

        refused.Allowed.ShouldBeFalse();
        refused.Workloads.ShouldBe(["one", "two"]);
        (await b.ClaimAsync("key_a", "one", 2)).Allowed.ShouldBeTrue();
        (await b.ClaimAsync("key_b", "three", 2)).Allowed.ShouldBeTrue("the bound is per key");
        (await b.ListAsync("key_a")).ShouldBe(["one", "two"]);
    }

    [Fact]
    public async Task InMemory_Claim_RefusesPastTheBound()
    {
        var store = new InMemoryKeyWorkloadStore();
        (await store.ClaimAsync("key_a", "one", 1)).Allowed.ShouldBeTrue();
        WorkloadClaim refused = await store.ClaimAsync("key_a", "two", 1);
        refused.Allowed.ShouldBeFalse();
        refused.Workloads.ShouldBe(["one"]);
        (await store.ClaimAsync("key_a", "one", 1)).Allowed.ShouldBeTrue();
        (await store.ClaimAsync("key_a", "two", 0)).Allowed.ShouldBeFalse();
    }
}
