using System.Globalization;
using System.Net.Http.Json;

namespace Cascade.Router.Tests;

public sealed class LogprobGateTests
{
    [Theory]
    [InlineData(-1000.0, "accept", "haiku")]
    [InlineData(-0.000001, "reject", "sonnet")]
    public async Task LogprobGate_OnAnOpenAITier_DecidesThroughTheRouter(double threshold, string verdict, string resolvedTier)
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator, settings: new Dictionary<string, string?>
        {
            // The rules start this request at haiku; the learned model would send a short question elsewhere.
            ["Cascade:Routing:Model"] = "",
            ["Cascade:Tiers:0:Kind"] = "openai",
            ["Cascade:Tiers:0:Gates:0:Kind"] = "logprob",
            ["Cascade:Tiers:0:Gates:0:Settings:Threshold"] = threshold.ToString(CultureInfo.InvariantCulture),
        });
        CreatedApiKey key = await router.CreateKeyAsync();
        using HttpClient http = router.CreateHttpClient(key.Secret);

        using HttpResponseMessage response = await OpenAIEndpointTests.SendAsync(
            http, """{"model":"cascade","max_tokens":200,"messages":[{"role":"user","content":"What is the capital of France?"}]}""");

        response.EnsureSuccessStatusCode();
        string id = response.Headers.GetValues("x-cascade-request-id").Single();
        RequestLog log = (await http.GetFromJsonAsync($"/v1/requests/{id}", RouterJsonContext.Default.RequestLog))!;
        AttemptRecord first = log.Attempts[0];
        response.Headers.GetValues("x-cascade-tier").Single().ShouldBe(resolvedTier, string.Join(" | ", log.Attempts.Select(a => $"{a.Tier} {a.Verdict} {string.Join(",", a.Verdicts)}")));
        first.Tier.ShouldBe("haiku");
        first.Verdict.ShouldNotBeNull();
        first.Verdict.Gate.ShouldBe(LogprobConfidenceGate.Kind, "the provider returned logprobs because the gate asked for them");
        first.Verdict.Decision.ToString().ToLowerInvariant().ShouldBe(verdict);
        first.Verdict.Reason!.ShouldContain("logprob");
        await GatewayAssertions.ShouldMatchTheSimulatorLedgerAsync(simulator, router);
    }
}
