extern alias simulator;

using System.Net;
using System.Net.Http.Json;

namespace Cascade.Router.Tests;

public sealed class CircuitsApiTests(SharedRedisFixture redis)
{
    private const string Pinned = """{"model":"haiku","max_tokens":60,"messages":[{"role":"user","content":"How do I reset my password?"}]}""";

    [Fact]
    public async Task ACircuitOpenedByFailures_IsListedWithItsNextProbe_AndResetOnEveryReplica()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Router:RedisPrefix"] = $"test:{Guid.NewGuid():N}:",
            ["Router:UpfrontRouting:Enabled"] = "false",
            ["Cascade:Reliability:Retry:MaxRetries"] = "0",
            ["Cascade:Reliability:Circuit:FailureThreshold"] = "2",
            ["Cascade:Reliability:Circuit:BreakDuration"] = "00:00:30",
            ["Cascade:Tiers:0:Deployments:0:Name"] = "primary",
            ["Cascade:Tiers:0:Deployments:1:Name"] = "backup",
            ["Cascade:Tiers:0:Deployments:1:Provider"] = "openai",
            ["Cascade:Tiers:0:Deployments:1:Model"] = SimulatorHost.Sonnet,
        };
        await using RouterFactory a = RouterFactory.OnKestrel(simulator, redis.Server.ConnectionString, settings);
        await using RouterFactory b = RouterFactory.OnKestrel(simulator, redis.Server.ConnectionString, settings);
        CreatedApiKey key = await a.CreateKeyAsync();
        using HttpClient http = a.CreateHttpClient(key.Secret);
        using HttpClient adminA = a.CreateAdminClient();
        using HttpClient adminB = b.CreateAdminClient();
        simulator.Faults.Set(SimulatorHost.Haiku, Fault("500"));
        DateTimeOffset openedAt = a.Clock.GetUtcNow();

        for (int i = 0; i < 2; i++)
        {
            (await http.PostAsync("/v1/messages", OpenAIEndpointTests.Json(Pinned))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        CircuitView[] circuits = (await adminB.GetFromJsonAsync("/admin/circuits", RouterJsonContext.Default.IReadOnlyListCircuitView))!.ToArray();
        circuits.Select(c => c.CircuitKey).ShouldBe(["haiku/primary", "haiku/backup", $"sonnet/{SimulatorHost.Sonnet}", $"opus/{SimulatorHost.Opus}"]);
        CircuitView open = circuits[0];
        open.State.ShouldBe(CircuitState.Open);
        open.ConsecutiveFailures.ShouldBe(2);
        open.OpenedAt.ShouldBe(openedAt);
        open.NextProbeAt.ShouldBe(openedAt + TimeSpan.FromSeconds(30));
        open.Model.ShouldBe(SimulatorHost.Haiku);
        circuits.Skip(1).ShouldAllBe(c => c.State == CircuitState.Closed && c.OpenedAt == null && c.NextProbeAt == null);

        simulator.Faults.Clear(SimulatorHost.Haiku);
        HttpResponseMessage reset = await adminB.PostAsync("/admin/circuits/primary/reset", null);

        reset.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reset.Content.ReadFromJsonAsync(RouterJsonContext.Default.IReadOnlyListCircuitView))!.Single().State.ShouldBe(CircuitState.Closed);
        (await adminA.GetFromJsonAsync("/admin/circuits", RouterJsonContext.Default.IReadOnlyListCircuitView))!.ShouldAllBe(c => c.State == CircuitState.Closed);
        int primaryCalls = simulator.Ledger.Entries.Count(e => e.Model == SimulatorHost.Haiku);
        HttpResponseMessage answered = await http.PostAsync("/v1/messages", OpenAIEndpointTests.Json(Pinned));
        answered.Headers.GetValues("x-cascade-fallbacks").Single().ShouldBe("0", "replica A reads the reset circuit and calls the primary again");
        simulator.Ledger.Entries.Count(e => e.Model == SimulatorHost.Haiku).ShouldBe(primaryCalls + 1);
    }

    [Fact]
    public async Task TheCircuitsApi_NeedsTheAdminKey_AndNamesAnUnknownDeployment()
    {
        await using RouterFactory router = new();
        CreatedApiKey key = await router.CreateKeyAsync();
        using HttpClient caller = router.CreateHttpClient(key.Secret);
        using HttpClient admin = router.CreateAdminClient();

        (await caller.GetAsync("/admin/circuits")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await caller.PostAsync("/admin/circuits/haiku/reset", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        HttpResponseMessage missing = await admin.PostAsync("/admin/circuits/nowhere/reset", null);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("deployment_not_found");
        (await admin.PostAsync("/admin/circuits/haiku/reset?tier=opus", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static simulator::Cascade.Simulator.Faults.FaultSpec Fault(string text) =>
        simulator::Cascade.Simulator.Faults.FaultSpec.TryParse(text, out var spec, out string? error) ? spec : throw new ArgumentException(error);
}
