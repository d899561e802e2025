using System.Net;

namespace Cascade.Router.Tests;

// Alone: Kestrel's memory-pool meter is process-wide, so servers of tests running beside it show up in the scrape twice.
[Collection(nameof(MetricsEndpointTests))]
public sealed class MetricsEndpointTests
{
    private const string Question = """{"model":"cascade","max_tokens":60,"messages":[{"role":"user","content":"How do I reset my password?"}]}""";

    [Fact]
    public async Task Metrics_ServesThePrometheusTextFormat_WithTheCascadeAndHttpMeters()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();
        using HttpClient http = router.CreateHttpClient(key.Secret);
        for (int i = 0; i < 3; i++)
        {
            (await http.PostAsync("/v1/messages", OpenAIEndpointTests.Json(Question))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using HttpClient scraper = router.CreateHttpClient();
        HttpResponseMessage scrape = await scraper.GetAsync(RouterServiceCollectionExtensions.MetricsPath);

        scrape.StatusCode.ShouldBe(HttpStatusCode.OK);
        scrape.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        IReadOnlyDictionary<string, PrometheusMetricFamily> families = PrometheusTextParser.Parse(await scrape.Content.ReadAsStringAsync());
        PrometheusMetricFamily requests = families["cascade_requests_total"];
        requests.Type.ShouldBe("counter");
        requests.Samples.Sum(s => s.Value).ShouldBe(3);
        requests.Samples.ShouldAllBe(s => s.Labels.ContainsKey("cascade_resolved_tier"));
        families["http_server_request_duration_seconds"].Type.ShouldBe("histogram");
        families["http_server_request_duration_seconds"].Samples
            .ShouldContain(s => s.Name == "http_server_request_duration_seconds_count" && s.Labels["http_route"] == "/v1/messages" && s.Value > 0);
    }
}
