using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Cascade.Router.Tests;

public sealed class RedisRequestIndexTests(SharedRedisFixture redis)
{
    [Fact]
    public async Task List_IsSharedByReplicas_PerKeyNewestFirst_PagedByCursor_AndTrimmedToItsLength()
    {
        IOptions<RouterOptions> options = TestRouter.Options(o => o.RequestIndexLengthPerKey = 3);
        FakeTimeProvider clock = TestRouter.Clock();
        await using IConnectionMultiplexer second = await redis.Server.ConnectAsync();
        var a = new RedisRequestIndex(TestRouter.Redis(redis.Connection, options, clock), options);
        var b = new RedisRequestIndex(TestRouter.Redis(second, options, clock), options);
        for (int i = 1; i <= 4; i++)
        {
            await (i % 2 == 0 ? a : b).AddAsync(Entry($"r{i}", "key_a", clock));
        }

        await a.AddAsync(Entry("other", "key_b", clock));

        IReadOnlyList<RequestEntry> ofA = await b.ListAsync("key_a", null, 10);
        ofA.Select(e => e.RequestId).ShouldBe(["r4", "r3", "r2"], "newest first, the oldest trimmed");
        ofA.Select(e => e.Sequence).ShouldBeInOrder(SortDirection.Descending);
        (await a.ListAsync("key_a", ofA[0].Sequence, 1)).ShouldHaveSingleItem().RequestId.ShouldBe("r3");
        (await a.ListAsync("key_a", ofA[^1].Sequence, 10)).ShouldBeEmpty();
        (await b.ListAsync("key_b", null, 10)).ShouldHaveSingleItem().KeyId.ShouldBe("key_b");
        (await b.ListAsync(null, null, 2)).Select(e => e.RequestId).ShouldBe(["other", "r4"]);
    }

    [Fact]
    public async Task InMemory_KeepsEachKeysNewestEntries_AndListsEveryKeyMerged()
    {
        var index = new InMemoryRequestIndex(TestRouter.Options(o => o.RequestIndexLengthPerKey = 2));
        FakeTimeProvider clock = TestRouter.Clock();
        foreach (var (id, key) in new[] { ("r1", "a"), ("r2", "b"), ("r3", "a"), ("r4", "a") })
        {
            await index.AddAsync(Entry(id, key, clock));
        }

        (await index.ListAsync("a", null, 10)).Select(e => e.RequestId).ShouldBe(["r4", "r3"]);
        (await index.ListAsync(null, null, 10)).Select(e => e.RequestId).ShouldBe(["r4", "r3", "r2"]);
        (await index.ListAsync(null, 3, 10)).Select(e => e.RequestId).ShouldBe(["r2"]);
    }

    private static RequestEntry Entry(string id, string key, TimeProvider clock) => new() { RequestId = id, KeyId = key, Workload = "faq", At = clock.GetUtcNow() };
}
