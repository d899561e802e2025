using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cascade.Router.Tests;

public sealed class TenancyTests(SharedRedisFixture redis)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stats_ShowOnlyTheCallingKeysTraffic_InRequestsModelsAndTheRequestLog(bool onRedis)
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator, onRedis ? redis.Server.ConnectionString : null);
        CreatedApiKey a = await router.CreateKeyAsync(name: "tenant-a");
        CreatedApiKey b = await router.CreateKeyAsync(name: "tenant-b");
        using HttpClient toA = router.CreateHttpClient(a.Secret);
        using HttpClient toB = router.CreateHttpClient(b.Secret);
        string[] ofA = [await AskAsync(toA, "cascade/a-private"), await AskAsync(toA, "haiku"), await AskAsync(toA, "cascade/a-private")];
        string ofB = await AskAsync(toB, "cascade/b-own");

        RouterStats statsOfB = (await toB.GetFromJsonAsync("/v1/stats", RouterJsonContext.Default.RouterStats))!;
        statsOfB.Requests.ShouldBe(1);
        statsOfB.Workloads.Select(w => w.Workload).ShouldBe(["b-own"]);
        statsOfB.Keys.ShouldBeNull("only the admin sees the breakdown by key");
        RouterStats statsOfA = (await toA.GetFromJsonAsync("/v1/stats", RouterJsonContext.Default.RouterStats))!;
        statsOfA.Requests.ShouldBe(3);
        statsOfA.Workloads.ShouldHaveSingleItem().Workload.ShouldBe("a-private");

        RequestPage listOfB = (await toB.GetFromJsonAsync("/v1/requests", RouterJsonContext.Default.RequestPage))!;
        listOfB.Data.Select(r => r.RequestId).ShouldBe([ofB]);
        listOfB.Data.ShouldAllBe(r => r.KeyId == b.Key.Id);
        listOfB.NextCursor.ShouldBeNull();
        (await toB.GetAsync($"/v1/requests?key={a.Key.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        RequestPage listOfA = (await toA.GetFromJsonAsync("/v1/requests", RouterJsonContext.Default.RequestPage))!;
        listOfA.Data.Select(r => r.RequestId).ShouldBe(ofA.Reverse(), "newest first");

        string[] modelsOfB = await ModelIdsAsync(toB);
        modelsOfB.ShouldContain("cascade/b-own");
        modelsOfB.ShouldNotContain("cascade/a-private");
        (await ModelIdsAsync(toA)).ShouldContain("cascade/a-private");

        foreach (string id in ofA)
        {
            (await toB.GetAsync($"/v1/requests/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "B cannot read A's request log");
            (await toA.GetAsync($"/v1/requests/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stats_ForTheAdminKey_ShowEveryKeysTrafficByKey(bool onRedis)
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator, onRedis ? redis.Server.ConnectionString : null);
        CreatedApiKey a = await router.CreateKeyAsync(name: "tenant-a");
        CreatedApiKey b = await router.CreateKeyAsync(name: "tenant-b");
        using HttpClient toA = router.CreateHttpClient(a.Secret);
        using HttpClient toB = router.CreateHttpClient(b.Secret);
        string first = await AskAsync(toA, "haiku");
        string second = await AskAsync(toA, "haiku");
        string third = await AskAsync(toB, "haiku");
        using HttpClient admin = router.CreateAdminClient();

        RouterStats stats = (await admin.GetFromJsonAsync("/v1/stats", RouterJsonContext.Default.RouterStats))!;

        stats.Requests.ShouldBe(3);
        stats.Keys.ShouldNotBeNull().Select(k => (k.KeyId, k.Name, k.Stats.Requests)).OrderBy(k => k.Name)
            .ShouldBe([(a.Key.Id, "tenant-a", 2), (b.Key.Id, "tenant-b", 1)]);
        RequestPage all = (await admin.GetFromJsonAsync("/v1/requests", RouterJsonContext.Default.RequestPage))!;
        all.Data.Select(r => (r.RequestId, r.KeyId)).ShouldBe([(third, b.Key.Id), (second, a.Key.Id), (first, a.Key.Id)]);
        RequestPage onlyA = (await admin.GetFromJsonAsync($"/v1/requests?key={a.Key.Id}", RouterJsonContext.Default.RequestPage))!;
        onlyA.Data.Select(r => r.RequestId).ShouldBe([second, first]);
        (await admin.GetAsync($"/v1/requests/{third}")).StatusCode.ShouldBe(HttpStatusCode.OK, "the admin reads any request's log");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Admission_RefusesAKeyPastItsWorkloadBound_WithWhatToFix(bool onRedis)
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator, onRedis ? redis.Server.ConnectionString : null);
        CreatedApiKey key = await router.CreateKeyAsync(new ApiKeyPolicy { MaxWorkloads = 2 });
        using HttpClient http = router.CreateHttpClient(key.Secret);
        await AskAsync(http, "cascade/one");
        await AskAsync(http, "cascade/two");

        HttpResponseMessage third = await http.PostAsync("/v1/chat/completions", Question("cascade/three"));

        third.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using JsonDocument error = JsonDocument.Parse(await third.Content.ReadAsStringAsync());
        JsonElement body = error.RootElement.GetProperty("error");
        body.GetProperty("code").GetString().ShouldBe("workload_limit_reached");
        string message = body.GetProperty("message").GetString()!;
        message.ShouldContain("at most 2 workloads");
        message.ShouldContain("one, two");
        message.ShouldContain("MaxWorkloads");
        await AskAsync(http, "cascade/one");
        (await ModelIdsAsync(http)).Where(m => m.StartsWith("cascade/", StringComparison.Ordinal)).ShouldBe(["cascade/one", "cascade/two"]);
    }

    [Fact]
    public async Task Requests_FilterByWorkloadTierOutcomeAndTime_AndPageWithACursor()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();
        using HttpClient http = router.CreateHttpClient(key.Secret);
        string early = await AskAsync(http, "haiku");
        router.Clock.Advance(TimeSpan.FromMinutes(10));
        DateTimeOffset later = router.Clock.GetUtcNow();
        string[] support = [await AskAsync(http, "cascade/support"), await AskAsync(http, "cascade/support")];
        string pinned = await AskAsync(http, "opus");

        (await ListAsync(http, "workload=support")).Select(r => r.RequestId).ShouldBe(support.Reverse());
        (await ListAsync(http, "tier=opus")).Select(r => r.RequestId).ShouldContain(pinned);
        (await ListAsync(http, "tier=opus")).ShouldAllBe(r => r.ResolvedTier == "opus");
        (await ListAsync(http, "outcome=failed")).ShouldBeEmpty();
        List<RequestSummary> accepted = await ListAsync(http, "outcome=Accepted");
        List<RequestSummary> kept = await ListAsync(http, "outcome=kept");
        accepted.ShouldAllBe(r => r.Outcome == AttemptOutcome.Accepted);
        kept.ShouldAllBe(r => r.Outcome == AttemptOutcome.Kept);
        (accepted.Count + kept.Count).ShouldBe(4);
        string since = Uri.EscapeDataString(later.ToString("O", CultureInfo.InvariantCulture));
        (await ListAsync(http, $"since={since}")).Select(r => r.RequestId).ShouldNotContain(early);
        (await ListAsync(http, $"until={since}")).Select(r => r.RequestId).ShouldBe([early]);

        RequestPage first = (await http.GetFromJsonAsync("/v1/requests?limit=3", RouterJsonContext.Default.RequestPage))!;
        first.Data.Count.ShouldBe(3);
        first.NextCursor.ShouldNotBeNull();
        RequestPage second = (await http.GetFromJsonAsync($"/v1/requests?limit=3&cursor={first.NextCursor}", RouterJsonContext.Default.RequestPage))!;
        second.Data.Select(r => r.RequestId).ShouldBe([early]);
        second.NextCursor.ShouldBeNull();

        HttpResponseMessage bad = await http.GetAsync("/v1/requests?outcome=great&limit=0");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        string problem = await bad.Content.ReadAsStringAsync();
        problem.ShouldContain("outcome must be one of");
        problem.ShouldContain("limit must be between 1 and 200");
    }

    [Fact]
    public async Task Stats_PercentilesAndExpectedCost_EqualFiguresFromTheAttemptLog()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync(latencyScale: 0.01);
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();
        using HttpClient http = router.CreateHttpClient(key.Secret);
        string[] questions = ["Do you ship to Canada?", "Where is my order 1234?", "Explain your returns policy for opened electronics in detail.", "Can I pay with PayPal?"];
        List<string> ids = [];
        for (int i = 0; i < 12; i++)
        {
            ids.Add(await AskAsync(http, i % 3 == 0 ? "haiku" : "cascade/support", questions[i % questions.Length], stream: i % 2 == 0));
        }

        RouterStats stats = (await http.GetFromJsonAsync("/v1/stats", RouterJsonContext.Default.RouterStats))!;
        List<AttemptRecord[]> logs = [];
        foreach (string id in ids)
        {
            logs.Add([.. (await http.GetFromJsonAsync($"/v1/requests/{id}", RouterJsonContext.Default.RequestLog))!.Attempts.OrderBy(a => a.Sequence)]);
        }

        // From the attempt log, by the documented definitions: duration from the first start to the last end; time to
        // first token from the first start to the kept answer's first token; nearest-rank percentiles.
        double[] durations = logs.Select(l => (l.Max(a => a.StartedAt + a.Duration) - l.Min(a => a.StartedAt)).TotalMilliseconds).Order().ToArray();
        double[] ttft = logs
            .Select(l => (Start: l.Min(a => a.StartedAt), Kept: l.LastOrDefault(a => a.Outcome is AttemptOutcome.Accepted or AttemptOutcome.Kept)))
            .Where(x => x.Kept?.TimeToFirstToken is not null)
            .Select(x => (x.Kept!.StartedAt + x.Kept.TimeToFirstToken!.Value - x.Start).TotalMilliseconds)
            .Order()
            .ToArray();
        ttft.Length.ShouldBe(12);
        stats.Requests.ShouldBe(12);
        stats.DurationMs.ShouldBe(new Percentiles(NearestRank(durations, 50), NearestRank(durations, 95), NearestRank(durations, 99)));
        stats.TimeToFirstTokenMs.ShouldBe(new Percentiles(NearestRank(ttft, 50), NearestRank(ttft, 95), NearestRank(ttft, 99)));

        AttemptRecord[][] support = [.. logs.Where((_, i) => i % 3 != 0)];
        decimal c1 = support.Average(l => l[0].Billed ? l[0].Cost : 0);
        AttemptRecord[][] second = support.Where(l => l.Any(a => a.Kind == AttemptKind.Fallback) || l.Any(a => a.Tier == l[0].Tier && a.Outcome == AttemptOutcome.Rejected)).ToArray();
        AttemptRecord[][] retried = support.Where(l => l.Any(a => a.Kind == AttemptKind.Retry)).ToArray();
        double pfb = (double)second.Length / support.Length;
        double prt = (double)retried.Length / support.Length;
        decimal c2 = second.Length == 0 ? 0 : second.Average(l => Billed(l) - (l[0].Billed ? l[0].Cost : 0) - Billed(l, AttemptKind.Retry));
        decimal crt = retried.Length == 0 ? 0 : retried.Average(l => Billed(l, AttemptKind.Retry));
        WorkloadStats workload = stats.Workloads.ShouldHaveSingleItem();
        workload.Requests.ShouldBe(8);
        workload.Expected.ShouldBe(new ExpectedCost(c1, pfb, c2, prt, crt, c1 + ((decimal)pfb * c2) + ((decimal)prt * crt)));
        c1.ShouldBeGreaterThan(0m);
        stats.BlendedCostPerRequest.ShouldBe(logs.Sum(l => Billed(l)) / 12);
        stats.TopTier.ShouldBe("opus");
        stats.SavingPerRequest.ShouldBe(stats.TopTierCostPerRequest - stats.BlendedCostPerRequest);
        stats.TopTierCostPerRequest.ShouldBeGreaterThan(stats.BlendedCostPerRequest, "haiku answers for less than opus would");

        static decimal Billed(AttemptRecord[] log, AttemptKind? kind = null) => log.Where(a => a.Billed && (kind is null || a.Kind == kind)).Sum(a => a.Cost);
    }

    private static double NearestRank(double[] sorted, int percent) => sorted[(int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1];

    private static async Task<List<RequestSummary>> ListAsync(HttpClient http, string query) =>
        [.. (await http.GetFromJsonAsync($"/v1/requests?{query}", RouterJsonContext.Default.RequestPage))!.Data];

    private static async Task<string[]> ModelIdsAsync(HttpClient http)
    {
        using JsonDocument models = JsonDocument.Parse(await http.GetStringAsync("/v1/models"));
        return models.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToArray();
    }

    private static StringContent Question(string model, string question = "Do you ship to Canada?", bool stream = false) =>
        OpenAIEndpointTests.Json(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["model"] = model,
            ["max_tokens"] = 80,
            ["stream"] = stream,
            ["messages"] = new[] { new Dictionary<string, string> { ["role"] = "user", ["content"] = question } },
        }));

    private static async Task<string> AskAsync(HttpClient http, string model, string question = "Do you ship to Canada?", bool stream = false)
    {
        HttpResponseMessage response = await http.PostAsync("/v1/chat/completions", Question(model, question, stream));
        response.EnsureSuccessStatusCode();
        _ = await response.Content.ReadAsStringAsync();
        return response.Headers.GetValues(RouteHeaders.RequestId).Single();
    }
}
