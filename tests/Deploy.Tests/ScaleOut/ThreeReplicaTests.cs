extern alias simulator;

using System.Net;
using System.Text.Json;
using System.Text;
using Cascade.Router;
using Cascade.Router.Tests;
using Cascade.Testing.Integration;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Deploy.Tests.ScaleOut;

/// <summary>Three router replicas behind a round-robin load balancer, sharing one Redis, behave as one router.</summary>
public sealed class ThreeReplicaTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const string Question = """{"model":"cascade","max_tokens":60,"messages":[{"role":"user","content":"How do I reset my password?"}]}""";
    private const string Pinned = """{"model":"haiku","max_tokens":60,"messages":[{"role":"user","content":"How do I reset my password?"}]}""";

    [Fact]
    public async Task TheSpendCap_HoldsOverEveryReplica_AndEachAnswersAttemptLogIsReadFromAnother()
    {
        await using RouterCluster cluster = await RouterCluster.StartAsync(redis.ConnectionString);
        const decimal cap = 0.01m;
        const decimal ceiling = 0.002m;
        CreatedApiKey key = await cluster.Replicas[0].CreateKeyAsync(new ApiKeyPolicy { DailySpendCap = cap, MaxRequestCost = ceiling });
        using HttpClient client = cluster.CreateClient(key.Secret);

        List<HttpResponseMessage> responses = [];
        for (int i = 0; i < 60 && responses.Count(r => r.StatusCode == HttpStatusCode.PaymentRequired) < 3; i++)
        {
            responses.Add(await client.PostAsync("/v1/messages", Json(Question)));
        }

        HttpResponseMessage[] answered = [.. responses.Where(r => r.StatusCode == HttpStatusCode.OK)];
        HttpResponseMessage[] refused = [.. responses.SkipWhile(r => r.StatusCode == HttpStatusCode.OK)];
        answered.Select(Replica).Distinct().Count().ShouldBe(3, "the load balancer spreads the answered requests over the three replicas");
        refused.Length.ShouldBe(3, "once the cap is reached every replica refuses");
        refused.ShouldAllBe(r => r.StatusCode == HttpStatusCode.PaymentRequired);
        refused.Select(Replica).Distinct().Count().ShouldBe(3);
        decimal billed = answered.Sum(r => decimal.Parse(r.Headers.GetValues("x-cascade-cost-usd").Single(), System.Globalization.CultureInfo.InvariantCulture));
        billed.ShouldBeLessThanOrEqualTo(cap + ceiling);
        foreach (RouterFactory replica in cluster.Replicas)
        {
            (await replica.Services.GetRequiredService<ISpendStore>().GetAsync(key.Key.Id)).DailyBilled.ShouldBe(billed);
        }

        foreach (HttpResponseMessage response in answered)
        {
            string id = response.Headers.GetValues("x-cascade-request-id").Single();
            using HttpResponseMessage logResponse = await client.GetAsync($"/v1/requests/{id}");
            logResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
            Replica(logResponse).ShouldNotBe(Replica(response), "the next replica in turn reads the log");
            using JsonDocument log = JsonDocument.Parse(await logResponse.Content.ReadAsStringAsync());
            log.RootElement.GetProperty("attempts").GetArrayLength().ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public async Task TheRateLimit_CountsRequestsToEveryReplicaInOneWindow()
    {
        await using RouterCluster cluster = await RouterCluster.StartAsync(redis.ConnectionString);
        CreatedApiKey key = await cluster.Replicas[0].CreateKeyAsync(new ApiKeyPolicy { RequestsPerWindow = 4 });
        using HttpClient client = cluster.CreateClient(key.Secret);

        List<HttpResponseMessage> responses = [];
        for (int i = 0; i < 7; i++)
        {
            responses.Add(await client.PostAsync("/v1/messages", Json(Question)));
        }

        responses.Select(r => r.StatusCode).ShouldBe([
            HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);
        responses.Select(Replica).Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public async Task ACircuitOpenedThroughTwoReplicas_IsOpenInTheThird()
    {
        await using RouterCluster cluster = await RouterCluster.StartAsync(redis.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Router:UpfrontRouting:Enabled"] = "false",
            ["Cascade:Reliability:Retry:MaxRetries"] = "0",
            ["Cascade:Reliability:Circuit:FailureThreshold"] = "2",
            ["Cascade:Tiers:0:Deployments:0:Name"] = "primary",
            ["Cascade:Tiers:0:Deployments:1:Name"] = "backup",
            ["Cascade:Tiers:0:Deployments:1:Provider"] = "openai",
            ["Cascade:Tiers:0:Deployments:1:Model"] = SimulatorHost.Sonnet,
        });
        CreatedApiKey key = await cluster.Replicas[0].CreateKeyAsync();
        using HttpClient client = cluster.CreateClient(key.Secret);
        using HttpClient admin = cluster.CreateClient(admin: true);
        cluster.Simulator.Faults.Set(SimulatorHost.Haiku, Fault("500"));

        List<HttpResponseMessage> responses = [];
        for (int i = 0; i < 3; i++)
        {
            responses.Add(await client.PostAsync("/v1/messages", Json(Pinned)));
        }

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        responses.Select(Replica).Distinct().Count().ShouldBe(3);
        cluster.Simulator.Ledger.Entries.Count(e => e.Model == SimulatorHost.Haiku).ShouldBe(2, "the third replica read the open circuit from Redis and did not call the primary");
        using JsonDocument circuits = JsonDocument.Parse(await admin.GetStringAsync("/admin/circuits"));
        JsonElement primary = circuits.RootElement.EnumerateArray().Single(c => c.GetProperty("circuitKey").GetString() == "haiku/primary");
        primary.GetProperty("state").ToString().ShouldBe(nameof(CircuitState.Open), StringCompareShould.IgnoreCase);
    }

    private static string Replica(HttpResponseMessage response) => response.Headers.GetValues(ReplicaHeaderStartupFilter.HeaderName).Single();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static simulator::Cascade.Simulator.Faults.FaultSpec Fault(string text) =>
        simulator::Cascade.Simulator.Faults.FaultSpec.TryParse(text, out var spec, out string? error) ? spec : throw new ArgumentException(error);
}
