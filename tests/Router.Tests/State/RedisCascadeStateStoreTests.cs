using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Cascade.Router.Tests;

public sealed class RedisCascadeStateStoreTests(SharedRedisFixture redis)
{
    [Fact]
    public async Task SetCircuit_IsSeenByAnotherReplica_AndAnOlderSnapshotDoesNotOverwriteANewerOne()
    {
        IOptions<RouterOptions> options = TestRouter.Options();
        FakeTimeProvider clock = TestRouter.Clock();
        await using IConnectionMultiplexer second = await redis.Server.ConnectAsync();
        var a = new RedisCascadeStateStore(TestRouter.Redis(redis.Connection, options, clock), options, clock);
        var b = new RedisCascadeStateStore(TestRouter.Redis(second, options, clock), options, clock);
        var open = new CircuitSnapshot(CircuitState.Open, 5, 0, clock.GetUtcNow(), clock.GetUtcNow());

        await a.SetCircuitAsync("haiku/primary", open);
        (await b.GetCircuitAsync("haiku/primary")).ShouldBe(open);

        await b.SetCircuitAsync("haiku/primary", CircuitSnapshot.Closed(clock.GetUtcNow() - TimeSpan.FromSeconds(10)));
        (await a.GetCircuitAsync("haiku/primary")).ShouldBe(open);
        (await a.GetCircuitAsync("sonnet/primary")).ShouldBeNull();
    }

    [Fact]
    public async Task AppendWorkloadOutcome_KeepsTheNewestWindowAndListsWorkloads()
    {
        IOptions<RouterOptions> options = TestRouter.Options();
        FakeTimeProvider clock = TestRouter.Clock();
        var store = new RedisCascadeStateStore(TestRouter.Redis(redis.Connection, options, clock), options, clock);
        for (int i = 0; i < 5; i++)
        {
            await store.AppendWorkloadOutcomeAsync("faq", Outcome(clock.GetUtcNow().AddSeconds(i), escalated: i % 2 == 0, cost: i), windowSize: 3);
        }

        await store.AppendWorkloadOutcomeAsync("code", Outcome(clock.GetUtcNow(), escalated: true, cost: 9), windowSize: 3);

        IReadOnlyList<WorkloadOutcome> outcomes = await store.GetWorkloadOutcomesAsync("faq", 10);
        outcomes.Select(o => o.TotalCost).ShouldBe([4m, 3m, 2m]);
        (await store.GetWorkloadOutcomesAsync("faq", 2)).Count.ShouldBe(2);
        (await store.GetWorkloadsAsync()).ShouldBe(["code", "faq"]);
        (await store.GetWorkloadOutcomesAsync("none", 5)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AppendAttempts_AreFoundByRequestIdInOrder_AndNewestFirstInTheStream()
    {
        IOptions<RouterOptions> options = TestRouter.Options();
        FakeTimeProvider clock = TestRouter.Clock();
        var store = new RedisCascadeStateStore(TestRouter.Redis(redis.Connection, options, clock), options, clock);
        AttemptRecord[] first = [Attempt("r1", 1, clock), Attempt("r1", 2, clock, AttemptKind.Escalation)];
        await store.AppendAttemptsAsync(first);
        await store.AppendAttemptsAsync([Attempt("r2", 1, clock)]);

        (await store.GetAttemptsAsync("r1")).Select(Json).ShouldBe(first.Select(Json));
        (await store.GetAttemptsAsync("missing")).ShouldBeEmpty();
        IReadOnlyList<AttemptRecord> recent = await store.GetRecentAttemptsAsync(2);
        recent.Select(a => (a.RequestId, a.Sequence)).ShouldBe([("r2", 1), ("r1", 2)]);
    }

    [Fact]
    public async Task AppendAttempts_TrimsTheStreamByLengthAndByAge()
    {
        IOptions<RouterOptions> options = TestRouter.Options(o =>
        {
            o.AttemptLogLength = 10;
            o.AttemptRetention = TimeSpan.FromHours(1);
        });

        FakeTimeProvider clock = TestRouter.Clock();
        var store = new RedisCascadeStateStore(TestRouter.Redis(redis.Connection, options, clock), options, clock);
        for (int i = 0; i < 300; i++)
        {
            await store.AppendAttemptsAsync([Attempt($"r{i}", 1, clock)]);
        }

        long? length = await store.GetAttemptLogLengthAsync();
        length.ShouldNotBeNull().ShouldBeLessThan(300, "approximate trimming keeps near the configured length");

        clock.Advance(TimeSpan.FromHours(2));
        await store.AppendAttemptsAsync([Attempt("late", 1, clock)]);

        (await store.GetAttemptLogLengthAsync()).ShouldBe(1);
        (await store.GetRecentAttemptsAsync(10)).Single().RequestId.ShouldBe("late");
    }

    [Fact]
    public async Task Writes_WhileRedisIsDown_AreReadLocallyAndCatchUpWhenItReturns()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        await using IConnectionMultiplexer connection = await server.ConnectAsync();
        IOptions<RouterOptions> options = TestRouter.Options();
        FakeTimeProvider clock = TestRouter.Clock();
        RouterRedis access = TestRouter.Redis(connection, options, clock);
        var store = new RedisCascadeStateStore(access, options, clock);

        await server.StopAsync();
        await RedisOutage.WaitUntilDisconnectedAsync(connection);
        var open = new CircuitSnapshot(CircuitState.Open, 5, 0, clock.GetUtcNow(), clock.GetUtcNow());
        await store.SetCircuitAsync("haiku/primary", open);
        await store.AppendAttemptsAsync([Attempt("down", 1, clock)]);
        await store.AppendWorkloadOutcomeAsync("faq", Outcome(clock.GetUtcNow(), escalated: false, cost: 1), 10);

        (await store.GetCircuitAsync("haiku/primary")).ShouldBe(open);
        (await store.GetAttemptsAsync("down")).Count.ShouldBe(1);
        access.Outbox.Count.ShouldBe(3);

        await server.RestartAsync();
        await RedisOutage.WaitUntilReconnectedAsync(connection);
        (await access.Outbox.FlushAsync()).ShouldBe(3);

        var otherReplica = new RedisCascadeStateStore(TestRouter.Redis(connection, options, clock), options, clock);
        (await otherReplica.GetCircuitAsync("haiku/primary")).ShouldBe(open);
        (await otherReplica.GetAttemptsAsync("down")).Single().RequestId.ShouldBe("down");
        (await otherReplica.GetWorkloadOutcomesAsync("faq", 10)).Count.ShouldBe(1);
    }

    internal static string Json(AttemptRecord attempt) => System.Text.Json.JsonSerializer.Serialize(attempt, CascadeJsonContext.Default.AttemptRecord);

    internal static AttemptRecord Attempt(string requestId, int sequence, TimeProvider clock, AttemptKind kind = AttemptKind.Initial) => new()
    {
        RequestId = requestId,
        Sequence = sequence,
        Tier = "haiku",
        Deployment = "primary",
        Provider = "anthropic",
        Model = "claude-haiku",
        Kind = kind,
        Outcome = AttemptOutcome.Accepted,
        Usage = new TokenUsage(120, 30),
        Billed = true,
        Cost = 0.000123m,
        StartedAt = clock.GetUtcNow(),
        Duration = TimeSpan.FromMilliseconds(420),
    };

    private static WorkloadOutcome Outcome(DateTimeOffset at, bool escalated, decimal cost) => new()
    {
        At = at,
        StartTier = "haiku",
        ResolvedTier = escalated ? "sonnet" : "haiku",
        Escalated = escalated,
        TotalCost = cost,
    };
}
