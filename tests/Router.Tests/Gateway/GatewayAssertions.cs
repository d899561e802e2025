using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Router.Tests;

/// <summary>Checks shared by the gateway's integration tests.</summary>
internal static class GatewayAssertions
{
    /// <summary>Gets the router's billed attempts as (model, input tokens, output tokens), sorted.</summary>
    public static async Task<IReadOnlyList<(string Model, long Input, long Output)>> BilledAttemptsAsync(params RouterFactory[] routers)
    {
        List<(string, long, long)> calls = [];
        foreach (RouterFactory router in routers)
        {
            // Each replica's own writes: with Redis the shared log holds every replica's attempts, and is written a moment later.
            ICascadeStateStore store = router.Services.GetRequiredService<ICascadeStateStore>();
            IReadOnlyList<AttemptRecord> attempts = await (store is RedisCascadeStateStore redis ? redis.Local : store).GetRecentAttemptsAsync(100_000);
            calls.AddRange(attempts.DistinctBy(a => (a.RequestId, a.Sequence)).Where(a => a.Billed).Select(a => (a.Model, a.Usage.TotalInputTokens, a.Usage.OutputTokens)));
        }

        return calls.Order().ToArray();
    }

    /// <summary>Asserts that the router recorded exactly the calls the simulator billed, token for token.</summary>
    public static async Task ShouldMatchTheSimulatorLedgerAsync(SimulatorHost simulator, params RouterFactory[] routers)
    {
        await Task.WhenAll(simulator.Ledger.Entries.Select(e => e.Completion));
        IReadOnlyList<(string Model, long Input, long Output)> billed = simulator.BilledCalls();
        billed.ShouldNotBeEmpty();
        (await BilledAttemptsAsync(routers)).ShouldBe(billed);
    }
}
