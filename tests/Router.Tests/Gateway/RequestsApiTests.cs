using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.Router.Tests;

public sealed class RequestsApiTests
{
    [Fact]
    public void Compute_SharesResolutionsPerTier_AndCountsEscalationsFallbacksRetriesAndCost()
    {
        FakeTimeProvider clock = TestRouter.Clock();
        TrackedRequest[] requests =
        [
            Track("r1", "support", Attempt("r1", 1, "haiku", AttemptKind.Initial, AttemptOutcome.Rejected, 0.001m, clock), Attempt("r1", 2, "sonnet", AttemptKind.Escalation, AttemptOutcome.Accepted, 0.004m, clock)),
            Track("r2", null, Attempt("r2", 1, "haiku", AttemptKind.Initial, AttemptOutcome.Failed, 0m, clock) with { Billed = false }, Attempt("r2", 2, "haiku", AttemptKind.Fallback, AttemptOutcome.Accepted, 0.001m, clock)),
            Track("r3", null, Attempt("r3", 1, "haiku", AttemptKind.Initial, AttemptOutcome.Failed, 0m, clock) with { Billed = false }, Attempt("r3", 2, "haiku", AttemptKind.Retry, AttemptOutcome.Accepted, 0.002m, clock)),
            Track("r4", "support", Attempt("r4", 1, "haiku", AttemptKind.Initial, AttemptOutcome.Accepted, 0.0008m, clock)),
        ];

        RouterStats stats = RouterStatsCalculator.Compute(requests);

        stats.Requests.ShouldBe(4);
        stats.BlendedCostPerRequest.ShouldBe(0.0088m / 4);
        stats.EscalationShare.ShouldBe(0.25);
        stats.FallbackShare.ShouldBe(0.25);
        stats.RetriesPerRequest.ShouldBe(0.25);
        stats.Tiers.ShouldBe([new TierStats("haiku", 3, 0.75), new TierStats("sonnet", 1, 0.25)]);
        WorkloadStats support = stats.Workloads.ShouldHaveSingleItem();
        support.Requests.ShouldBe(2);
        support.EscalationRate.ShouldBe(0.5);
        support.BlendedCostPerRequest.ShouldBe(0.0029m);
    }

    [Fact]
    public void Compute_GivesNearestRankPercentiles_AndEWithItsTerms_AndTheSavingAgainstTheTopTier()
    {
        FakeTimeProvider clock = TestRouter.Clock();
        DateTimeOffset start = clock.GetUtcNow();

        // 100 requests of workload "faq" taking 1..100 ms, first token at half their duration; every 4th escalates
        // (C2 = 0.004), every 10th retried once (Crt = 0.002), each first attempt 0.001.
        List<TrackedRequest> requests = [];
        for (int i = 1; i <= 100; i++)
        {
            string id = $"r{i}";
            bool escalates = i % 4 == 0;
            bool retried = i % 10 == 0;
            List<AttemptRecord> attempts = [Attempt(id, 1, "haiku", AttemptKind.Initial, escalates ? AttemptOutcome.Rejected : AttemptOutcome.Accepted, 0.001m, clock) with
            {
                StartedAt = start,
                Duration = TimeSpan.FromMilliseconds(escalates || retried ? i / 2.0 : i),
                TimeToFirstToken = TimeSpan.FromMilliseconds(i / 2.0),
                Usage = new TokenUsage(1000, 100),
            }];
            if (retried)
            {
                attempts.Add(Attempt(id, 2, "haiku", AttemptKind.Retry, escalates ? AttemptOutcome.Rejected : AttemptOutcome.Accepted, 0.002m, clock) with
                {
                    StartedAt = start + TimeSpan.FromMilliseconds(i / 2.0),
                    Duration = TimeSpan.FromMilliseconds(i / 2.0),
                    TimeToFirstToken = TimeSpan.FromMilliseconds(i / 4.0),
                    Usage = new TokenUsage(1000, 100),
                });
            }

            if (escalates)
            {
                attempts.Add(Attempt(id, attempts.Count + 1, "opus", AttemptKind.Escalation, AttemptOutcome.Accepted, 0.004m, clock) with
                {
                    StartedAt = start + TimeSpan.FromMilliseconds(i / 2.0),
                    Duration = TimeSpan.FromMilliseconds(i / 2.0),
                    TimeToFirstToken = TimeSpan.FromMilliseconds(i / 4.0),
                    Usage = new TokenUsage(400, 100),
                });
            }

            requests.Add(Track(id, "faq", [.. attempts]));
        }

        Tier opus = new("opus", [new Deployment("primary", "openai", "opus", new Cascade.Testing.TestChatClient(), new PriceTable(5m, 25m, 0, 0))]);

        RouterStats stats = RouterStatsCalculator.Compute(requests, opus);

        stats.DurationMs.ShouldBe(new Percentiles(50, 95, 99));
        double[] ttft = Enumerable.Range(1, 100).Select(i => i % 4 == 0 || i % 10 == 0 ? i / 2.0 + i / 4.0 : i / 2.0).Order().ToArray();
        stats.TimeToFirstTokenMs.ShouldBe(new Percentiles(ttft[49], ttft[94], ttft[98]));
        ExpectedCost e = stats.Workloads.ShouldHaveSingleItem().Expected.ShouldNotBeNull();
        e.C1.ShouldBe(0.001m);
        e.Pfb.ShouldBe(0.25);
        e.C2.ShouldBe(0.004m);
        e.Prt.ShouldBe(0.1);
        e.Crt.ShouldBe(0.002m);
        e.E.ShouldBe(0.001m + (0.25m * 0.004m) + (0.1m * 0.002m));
        stats.BlendedCostPerRequest.ShouldBe(e.E, "every term is exact here");
        decimal top = new PriceTable(5m, 25m, 0, 0).CostOf(1000, 100);
        stats.TopTier.ShouldBe("opus");
        stats.TopTierCostPerRequest.ShouldBe(top);
        stats.SavingPerRequest.ShouldBe(top - e.E);
        stats.SavingShare.ShouldBe((double)((top - e.E) / top));
    }

    [Fact]
    public void Percentiles_AreNearestRank()
    {
        Percentiles.Of([]).ShouldBeNull();
        Percentiles.Of([7]).ShouldBe(new Percentiles(7, 7, 7));
        Percentiles.Of([4, 1, 3, 2]).ShouldBe(new Percentiles(2, 4, 4));
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

    private static TrackedRequest Track(string id, string? workload, params AttemptRecord[] attempts) =>
        new(new RequestEntry { RequestId = id, KeyId = "key_a", Workload = workload, At = attempts[0].StartedAt }, attempts);
}
