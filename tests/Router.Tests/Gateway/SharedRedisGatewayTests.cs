extern alias simulator;

using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Cascade.Router.Tests;

public sealed class SharedRedisGatewayTests(SharedRedisFixture redis)
{
    private const string Question = """{"model":"cascade","max_tokens":60,"messages":[{"role":"user","content":"How do I reset my password?"}]}""";

    [Fact]
    public async Task TwoRouters_200ConcurrentRequestsOnOneKey_NeverPassTheCapByMoreThanOneCeiling_AndBillWhatTheSimulatorBilled()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        var shared = new Dictionary<string, string?> { ["Router:RedisPrefix"] = $"test:{Guid.NewGuid():N}:" };
        await using RouterFactory a = RouterFactory.OnKestrel(simulator, redis.Server.ConnectionString, shared);
        await using RouterFactory b = RouterFactory.OnKestrel(simulator, redis.Server.ConnectionString, shared);
        const decimal cap = 0.02m;
        const decimal ceiling = 0.002m;
        CreatedApiKey key = await a.CreateKeyAsync(new ApiKeyPolicy { DailySpendCap = cap, MaxRequestCost = ceiling });
        using HttpClient toA = a.CreateHttpClient(key.Secret);
        using HttpClient toB = b.CreateHttpClient(key.Secret);

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            (i % 2 == 0 ? toA : toB).PostAsync("/v1/messages", OpenAIEndpointTests.Json(Question))));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.PaymentRequired);
        int answered = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        answered.ShouldBeGreaterThan(0);
        answered.ShouldBeLessThan(200, "the cap must refuse some requests");
        decimal billed = responses.Where(r => r.IsSuccessStatusCode).Sum(r => decimal.Parse(r.Headers.GetValues("x-cascade-cost-usd").Single(), System.Globalization.CultureInfo.InvariantCulture));
        SpendSnapshot spend = await b.Services.GetRequiredService<ISpendStore>().GetAsync(key.Key.Id);
        spend.DailyBilled.ShouldBe(billed);
        spend.DailyBilled.ShouldBeLessThanOrEqualTo(cap + ceiling);
        spend.DailyCommitted.ShouldBe(billed, "every reservation was settled");
        await GatewayAssertions.ShouldMatchTheSimulatorLedgerAsync(simulator, a, b);
    }

    [Fact]
    public async Task RedisStoppedMidRun_RequestsKeepSucceeding_AndTheSharedStateCatchesUp()
    {
        await using RedisServer server = await RedisServer.StartAsync(persistent: true);
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        var shared = new Dictionary<string, string?> { ["Router:RedisPrefix"] = "outage:" };
        await using RouterFactory a = RouterFactory.OnKestrel(simulator, server.ConnectionString, shared);
        await using RouterFactory b = RouterFactory.OnKestrel(simulator, server.ConnectionString, shared);
        CreatedApiKey key = await a.CreateKeyAsync(new ApiKeyPolicy { DailySpendCap = 10m, MaxRequestCost = 0.01m });
        using HttpClient toA = a.CreateHttpClient(key.Secret);
        using HttpClient toB = b.CreateHttpClient(key.Secret);
        List<HttpResponseMessage> responses = [.. await SendBatchAsync(toA, toB, 10)];

        await server.StopAsync();
        await Task.WhenAll(
            RedisOutage.WaitUntilDisconnectedAsync(a.Services.GetRequiredService<IConnectionMultiplexer>()),
            RedisOutage.WaitUntilDisconnectedAsync(b.Services.GetRequiredService<IConnectionMultiplexer>()));
        HttpResponseMessage[] duringOutage = await SendBatchAsync(toA, toB, 10);
        using HttpClient health = b.CreateHttpClient();
        string degraded = await health.GetStringAsync("/health");

        duringOutage.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        degraded.ShouldContain("Degraded");
        responses.AddRange(duringOutage);

        await server.RestartAsync();
        foreach (RouterFactory router in new[] { a, b })
        {
            await RedisOutage.WaitUntilReconnectedAsync(router.Services.GetRequiredService<IConnectionMultiplexer>());
            router.Clock.Advance(TimeSpan.FromSeconds(2));
            await router.Services.GetRequiredService<RouterRedis>().Outbox.FlushAsync();
            router.Services.GetRequiredService<RouterRedis>().Outbox.Count.ShouldBe(0);
        }

        decimal billed = responses.Sum(r => decimal.Parse(r.Headers.GetValues("x-cascade-cost-usd").Single(), System.Globalization.CultureInfo.InvariantCulture));
        SpendSnapshot spend = await a.Services.GetRequiredService<ISpendStore>().GetAsync(key.Key.Id);
        spend.DailyBilled.ShouldBe(billed, "the settles made during the outage were replayed");

        // A request answered by one replica during the outage is visible from the other once the state caught up.
        string servedByA = duringOutage[0].Headers.GetValues("x-cascade-request-id").Single();
        RequestLog log = (await toB.GetFromJsonAsync($"/v1/requests/{servedByA}", RouterJsonContext.Default.RequestLog))!;
        log.Attempts.ShouldNotBeEmpty();
        (await health.GetStringAsync("/health")).ShouldContain("\"status\":\"Healthy\"");
        await GatewayAssertions.ShouldMatchTheSimulatorLedgerAsync(simulator, a, b);
    }

    private static Task<HttpResponseMessage[]> SendBatchAsync(HttpClient toA, HttpClient toB, int count) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => (i % 2 == 0 ? toA : toB).PostAsync("/v1/messages", OpenAIEndpointTests.Json(Question))));
}

public sealed class SharedCircuitGatewayTests(SharedRedisFixture redis)
{
    [Fact]
    public async Task ACircuitOpenedByOneReplica_SkipsThatDeploymentInTheOther()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Router:RedisPrefix"] = $"test:{Guid.NewGuid():N}:",
            ["Router:UpfrontRouting:Enabled"] = "false",
            ["Cascade:Reliability:Retry:MaxRetries"] = "0",
            ["Cascade:Reliability:Circuit:FailureThreshold"] = "2",
            ["Cascade:Tiers:0:Deployments:0:Name"] = "primary",
            ["Cascade:Tiers:0:Deployments:1:Name"] = "backup",
            ["Cascade:Tiers:0:Deployments:1:Provider"] = "openai",
            ["Cascade:Tiers:0:Deployments:1:Model"] = SimulatorHost.Sonnet,
        };
        await using RouterFactory a = RouterFactory.OnKestrel(simulator, redis.Server.ConnectionString, settings);
        await using RouterFactory b = RouterFactory.OnKestrel(simulator, redis.Server.ConnectionString, settings);
        CreatedApiKey key = await a.CreateKeyAsync();
        using HttpClient toA = a.CreateHttpClient(key.Secret);
        using HttpClient toB = b.CreateHttpClient(key.Secret);
        const string pinned = """{"model":"haiku","max_tokens":60,"messages":[{"role":"user","content":"How do I reset my password?"}]}""";
        simulator.Faults.Set(SimulatorHost.Haiku, Fault("500"));

        for (int i = 0; i < 2; i++)
        {
            HttpResponseMessage fellBack = await toA.PostAsync("/v1/messages", OpenAIEndpointTests.Json(pinned));
            fellBack.StatusCode.ShouldBe(HttpStatusCode.OK);
            fellBack.Headers.GetValues("x-cascade-fallbacks").Single().ShouldBe("1");
        }

        int primaryCalls = simulator.Ledger.Entries.Count(e => e.Model == SimulatorHost.Haiku);
        primaryCalls.ShouldBe(2);

        HttpResponseMessage skipped = await toB.PostAsync("/v1/messages", OpenAIEndpointTests.Json(pinned));

        skipped.StatusCode.ShouldBe(HttpStatusCode.OK);
        simulator.Ledger.Entries.Count(e => e.Model == SimulatorHost.Haiku).ShouldBe(primaryCalls, "replica B read the open circuit from Redis and did not call the primary");
        string requestId = skipped.Headers.GetValues("x-cascade-request-id").Single();
        RequestLog log = (await toB.GetFromJsonAsync($"/v1/requests/{requestId}", RouterJsonContext.Default.RequestLog))!;
        log.Attempts.ShouldAllBe(attempt => attempt.Deployment == "backup");
    }

    private static simulator::Cascade.Simulator.Faults.FaultSpec Fault(string text) =>
        simulator::Cascade.Simulator.Faults.FaultSpec.TryParse(text, out var spec, out string? error) ? spec : throw new ArgumentException(error);
}
