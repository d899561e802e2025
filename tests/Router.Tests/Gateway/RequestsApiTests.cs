using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.Router.Tests;

public sealed class RequestsApiTests
{
    [Fact]
    public void Compute_SharesResolutionsPerTier_AndCountsEscalationsFallbacksRetriesAndCost()
    {
        FakeTimeProvider clock = TestRouter.Clock();
        AttemptRecord[] attempts =
        [
            Attempt("r1", 1, "haiku", AttemptKind.Initial, AttemptOutcome.Rejected, 0.001m, clock),
            Attempt("r1", 2, "sonnet", AttemptKind.Escalation, AttemptOutcome.Accepted, 0.004m, clock),
            Attempt("r2", 1, "haiku", AttemptKind.Initial, AttemptOutcome.Failed, 0m, clock) with { Billed = false },
            Attempt("r2", 2, "haiku", AttemptKind.Fallback, AttemptOutcome.Accepted, 0.001m, clock),
            Attempt("r3", 1, "haiku", AttemptKind.Initial, AttemptOutcome.Failed, 0m, clock) with { Billed = false },
            Attempt("r3", 2, "haiku", AttemptKind.Retry, AttemptOutcome.Accepted, 0.002m, clock),
            Attempt("r4", 1, "haiku", AttemptKind.Initial, AttemptOutcome.Accepted, 0.0008m, clock),
        ];
        var workloads = new Dictionary<string, IReadOnlyList<WorkloadOutcome>>
        {
            ["support"] = [Outcome(escalated: true, cost: 0.005m, clock), Outcome(escalated: false, cost: 0.001m, clock)],
        };

        RouterStats stats = RequestsApi.Compute(attempts, workloads);

        stats.Requests.ShouldBe(4);
        stats.BlendedCostPerRequest.ShouldBe(0.0088m / 4);
        stats.EscalationShare.ShouldBe(0.25);
        stats.FallbackShare.ShouldBe(0.25);
        stats.RetriesPerRequest.ShouldBe(0.25);
        stats.Tiers.ShouldBe([new TierStats("haiku", 3, 0.75), new TierStats("sonnet", 1, 0.25)]);
        WorkloadStats support = stats.Workloads.ShouldHaveSingleItem();
        support.EscalationRate.ShouldBe(0.5);
        support.BlendedCostPerRequest.ShouldBe(0.003m);
    }

    [Fact]
    public async Task Stats_ReportWhatTheRouterServed()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();
        using HttpClient http = router.CreateHttpClient(key.Secret);
        decimal billed = 0;
        foreach (string model in new[] { "haiku", "haiku", "opus", "cascade/support" })
        {
            HttpResponseMessage response = await http.PostAsync("/v1/chat/completions", OpenAIEndpointTests.Json(
                $$"""{"model":"{{model}}","max_tokens":80,"messages":[{"role":"user","content":"Do you ship to Canada?"}]}"""));
            response.EnsureSuccessStatusCode();
            billed += decimal.Parse(response.Headers.GetValues("x-cascade-cost-usd").Single(), System.Globalization.CultureInfo.InvariantCulture);
        }

        RouterStats stats = (await http.GetFromJsonAsync("/v1/stats", RouterJsonContext.Default.RouterStats))!;

        stats.Requests.ShouldBe(4);
        stats.BlendedCostPerRequest.ShouldBe(billed / 4);
        stats.Tiers.Sum(t => t.Resolved).ShouldBe(4);
        stats.Tiers.Single(t => t.Tier == "opus").Resolved.ShouldBeGreaterThanOrEqualTo(1);
        stats.Workloads.Single(w => w.Workload == "support").Requests.ShouldBe(1);
    }

    private static AttemptRecord Attempt(string request, int sequence, string tier, AttemptKind kind, AttemptOutcome outcome, decimal cost, TimeProvider clock) =>
        RedisCascadeStateStoreTests.Attempt(request, sequence, clock, kind) with { Tier = tier, Outcome = outcome, Cost = cost };

    private static WorkloadOutcome Outcome(bool escalated, decimal cost, TimeProvider clock) => new()
    {
        At = clock.GetUtcNow(),
        StartTier = "haiku",
        ResolvedTier = escalated ? "sonnet" : "haiku",
        Escalated = escalated,
        TotalCost = cost,
    };
}
