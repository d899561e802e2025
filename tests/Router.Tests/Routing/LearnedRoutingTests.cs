using System.Text.Json;

namespace Cascade.Router.Tests;

public sealed class LearnedRoutingTests
{
    [Fact]
    public async Task ShippedModel_DecidesAGeneralRequest_AndTheRulesKeepASupportRequest_AndTheRouteSaysWhich()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator, settings: new Dictionary<string, string?> { ["Cascade:Routing:Model"] = "routing-model.json" });
        CreatedApiKey key = await router.CreateKeyAsync();
        using HttpClient http = router.CreateHttpClient(key.Secret);

        (await DecidedByAsync(http, "cascade")).ShouldBe("model:recorded-tasks", "the shipped model routes requests without a workload");
        (await DecidedByAsync(http, "cascade/support")).ShouldBe("rules", "a workload the model does not cover keeps the rules");
    }

    [Fact]
    public async Task AModelNamingATierOffTheLadder_StopsTheRouterAtStart()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("cascade-routing").FullName, "model.json");
        new RoutingModel { Name = "bad", Workloads = ["general"], Tiers = [new RoutingModelTier("nano", 0, new double[RoutingModel.FeatureNames.Count])], TopTier = "opus" }.Save(file);
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();

        var error = Should.Throw<Exception>(() => RouterFactory.OnKestrel(simulator, settings: new Dictionary<string, string?> { ["Cascade:Routing:Model"] = file }));

        error.ToString().ShouldContain("names tiers not on the ladder: nano");
    }

    private static async Task<string> DecidedByAsync(HttpClient http, string model)
    {
        string body = JsonSerializer.Serialize(new
        {
            model,
            max_tokens = 200,
            messages = new[] { new { role = "user", content = "Compare the trade-offs of optimistic and pessimistic locking in a relational database, step by step." } },
        });
        using HttpResponseMessage response = await OpenAIEndpointTests.SendAsync(http, body);
        response.EnsureSuccessStatusCode();
        response.Headers.GetValues("x-cascade-route-mode").Single().ShouldBeOneOf("upfront", "cascade");
        return response.Headers.GetValues("x-cascade-decided-by").Single();
    }
}
