namespace Cascade.Tests.State;

public class InMemoryCascadeStateStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Circuits_RoundTrip()
    {
        var store = new InMemoryCascadeStateStore();
        (await store.GetCircuitAsync("haiku/primary")).ShouldBeNull();

        var open = new CircuitSnapshot(CircuitState.Open, 5, 0, Now, Now);
        await store.SetCircuitAsync("haiku/primary", open);

        (await store.GetCircuitAsync("haiku/primary")).ShouldBe(open);
    }

    [Fact]
    public async Task WorkloadOutcomes_KeepTheNewestWindow()
    {
        var store = new InMemoryCascadeStateStore();
        for (int i = 0; i < 5; i++)
        {
            await store.AppendWorkloadOutcomeAsync("faq", new WorkloadOutcome { At = Now.AddSeconds(i), StartTier = "haiku", Escalated = i % 2 == 0 }, windowSize: 3);
        }

        IReadOnlyList<WorkloadOutcome> outcomes = await store.GetWorkloadOutcomesAsync("faq", 10);

        outcomes.Select(o => o.At.Second).ShouldBe([4, 3, 2]);
        (await store.GetWorkloadsAsync()).ShouldBe(["faq"]);
        (await store.GetWorkloadOutcomesAsync("other", 10)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Attempts_AreARing()
    {
        var store = new InMemoryCascadeStateStore(attemptCapacity: 3);
        await store.AppendAttemptsAsync([Attempt("a", 1), Attempt("a", 2)]);
        await store.AppendAttemptsAsync([Attempt("b", 1), Attempt("b", 2)]);

        (await store.GetAttemptsAsync("a")).Select(a => a.Sequence).ShouldBe([2]);
        (await store.GetAttemptsAsync("b")).Select(a => a.Sequence).ShouldBe([1, 2]);
        (await store.GetRecentAttemptsAsync(2)).Select(a => a.RequestId + a.Sequence).ShouldBe(["b2", "b1"]);
    }

    internal static AttemptRecord Attempt(string requestId, int sequence) => new()
    {
        RequestId = requestId,
        Sequence = sequence,
        Tier = "haiku",
        Deployment = "primary",
        Provider = "anthropic",
        Model = "claude-haiku-4-5-20251001",
        Kind = sequence == 1 ? AttemptKind.Initial : AttemptKind.Escalation,
        Outcome = AttemptOutcome.Accepted,
        Billed = true,
        StartedAt = Now,
    };
}
