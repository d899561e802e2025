using System.ClientModel;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenAI.Chat;

namespace Cascade.Router.Tests;

public sealed class GatewayAdmissionTests
{
    private const string Question = """{"model":"cascade","max_tokens":100,"messages":[{"role":"user","content":"How do I reset my password?"}]}""";

    [Fact]
    public async Task OverBudget_IsRefusedNamingTheCap_WithoutRetry_AndTheOfficialClientSeesIt()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync(new ApiKeyPolicy { DailySpendCap = 0.05m, MaxRequestCost = 0.02m });
        ChatClient client = OpenAIEndpointTests.Client(router, key.Secret, "cascade");
        ISpendStore spend = router.Services.GetRequiredService<ISpendStore>();
        SpendReservation held = (await spend.ReserveAsync(key.Key.Id, 0.04m, SpendCaps.None)).Reservation!;

        ClientResultException refused = await Should.ThrowAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hello")]));

        refused.Status.ShouldBe(402);
        refused.Message.ShouldContain("daily spend cap of $0.05");
        refused.GetRawResponse()!.Headers.TryGetValue("x-should-retry", out string? retry).ShouldBeTrue();
        retry.ShouldBe("false");
        simulator.Ledger.Entries.ShouldBeEmpty();

        await spend.SettleAsync(held, 0m);
        (await client.CompleteChatAsync([new UserChatMessage("hello")])).Value.Content.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task RequestsSettleToTheirBilledCost_AndTheCeilingReachesTheCascade()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync(new ApiKeyPolicy { DailySpendCap = 1m, MaxRequestCost = 0.50m });
        using HttpClient http = router.CreateHttpClient(key.Secret);

        HttpResponseMessage first = await http.PostAsync("/v1/messages", OpenAIEndpointTests.Json(Question));
        HttpResponseMessage second = await http.PostAsync("/v1/messages", OpenAIEndpointTests.Json(Question));
        HttpResponseMessage tooTight = await OpenAIEndpointTests.SendAsync(http, """{"model":"opus","max_tokens":4000,"messages":[{"role":"user","content":"hi"}]}""", ("x-cascade-max-cost", "0.000001"));

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        decimal billed = Cost(first) + Cost(second);
        SpendSnapshot snapshot = await router.Services.GetRequiredService<ISpendStore>().GetAsync(key.Key.Id);
        snapshot.DailyBilled.ShouldBe(billed);
        snapshot.DailyCommitted.ShouldBe(billed, "nothing stays reserved after the requests settled");
        tooTight.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await OpenAIEndpointTests.ErrorAsync(tooTight)).GetProperty("code").GetString().ShouldBe("cost_ceiling_exceeded");
    }

    [Fact]
    public async Task JudgeCalls_AreBilledToTheKeyThatSentTheRequest()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator, settings: new Dictionary<string, string?>
        {
            ["Router:UpfrontRouting:Enabled"] = "false",
            ["Cascade:Tiers:0:Gates:0:Kind"] = "judge",
            ["Cascade:Tiers:0:Gates:0:Settings:Tier"] = "opus",
        });
        CreatedApiKey key = await router.CreateKeyAsync(new ApiKeyPolicy { MaxRequestCost = 0.5m });
        using HttpClient http = router.CreateHttpClient(key.Secret);

        HttpResponseMessage response = await http.PostAsync("/v1/messages", OpenAIEndpointTests.Json(Question));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        string requestId = response.Headers.GetValues("x-cascade-request-id").Single();
        IReadOnlyList<AttemptRecord> attempts = await router.Services.GetRequiredService<ICascadeStateStore>().GetAttemptsAsync(requestId);
        AttemptRecord judge = attempts.First(a => a.Kind == AttemptKind.Verification);
        judge.Billed.ShouldBeTrue();
        judge.Cost.ShouldBeGreaterThan(0);
        decimal total = attempts.Where(a => a.Billed).Sum(a => a.Cost);
        Cost(response).ShouldBe(total);
        (await router.Services.GetRequiredService<ISpendStore>().GetAsync(key.Key.Id)).DailyBilled.ShouldBe(total);
        await GatewayAssertions.ShouldMatchTheSimulatorLedgerAsync(simulator, router);
    }

    [Fact]
    public async Task RateLimited_Gets429WithRetryAfter_AndTheLimitHeaders()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync(new ApiKeyPolicy { RequestsPerWindow = 2, TokensPerWindow = 100_000 });
        using HttpClient http = router.CreateHttpClient(key.Secret);

        (await http.PostAsync("/v1/messages", OpenAIEndpointTests.Json(Question))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostAsync("/v1/messages", OpenAIEndpointTests.Json(Question))).StatusCode.ShouldBe(HttpStatusCode.OK);
        router.Clock.Advance(TimeSpan.FromSeconds(20));
        HttpResponseMessage limited = await http.PostAsync("/v1/messages", OpenAIEndpointTests.Json(Question));

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(40));
        limited.Headers.GetValues("x-ratelimit-remaining-requests").Single().ShouldBe("0");
        limited.Headers.GetValues("x-ratelimit-reset-requests").Single().ShouldBe("40s");
        limited.Headers.GetValues("x-ratelimit-limit-tokens").Single().ShouldBe("100000");
        using JsonDocument body = JsonDocument.Parse(await limited.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("error").GetProperty("type").GetString().ShouldBe("rate_limit_error");

        router.Clock.Advance(TimeSpan.FromSeconds(40));
        (await http.PostAsync("/v1/messages", OpenAIEndpointTests.Json(Question))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARepeatedIdempotencyKey_IsAnsweredOnceAndBilledOnce(bool stream)
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();
        using HttpClient http = router.CreateHttpClient(key.Secret);
        string body = stream ? Question.Replace("\"model\":\"cascade\"", "\"model\":\"cascade\",\"stream\":true", StringComparison.Ordinal) : Question;

        HttpResponseMessage first = await SendAsync(http, body, "order-42");
        HttpResponseMessage again = await SendAsync(http, body, "order-42");
        HttpResponseMessage reused = await SendAsync(http, body.Replace("password", "email", StringComparison.Ordinal), "order-42");

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.Headers.GetValues("x-cascade-idempotent-replay").Single().ShouldBe("true");
        (await again.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        again.Headers.GetValues("x-cascade-request-id").Single().ShouldBe(first.Headers.GetValues("x-cascade-request-id").Single());
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        string requestId = first.Headers.GetValues("x-cascade-request-id").Single();
        IReadOnlyList<AttemptRecord> attempts = await router.Services.GetRequiredService<ICascadeStateStore>().GetAttemptsAsync(requestId);
        simulator.Ledger.Entries.Count.ShouldBe(attempts.Count, "the provider was called for the first request only");
        SpendSnapshot spend = await router.Services.GetRequiredService<ISpendStore>().GetAsync(key.Key.Id);
        spend.DailyBilled.ShouldBe(attempts.Where(a => a.Billed).Sum(a => a.Cost));
    }

    [Fact]
    public async Task AnIdempotencyKeyStillRunning_IsNotStartedTwice_TheSecondGets409()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync(latencyScale: 10);
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();
        using HttpClient http = router.CreateHttpClient(key.Secret);

        Task<HttpResponseMessage> first = SendAsync(http, Question, "slow-1");
        await Eventually(() => Task.FromResult(simulator.Ledger.Entries.Count > 0 ? simulator.Ledger.Entries : null));
        HttpResponseMessage second = await SendAsync(http, Question, "slow-1");

        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        second.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        (await first).StatusCode.ShouldBe(HttpStatusCode.OK);
        HttpResponseMessage third = await SendAsync(http, Question, "slow-1");
        third.Headers.GetValues("x-cascade-idempotent-replay").Single().ShouldBe("true");
        simulator.Ledger.Entries.Count(e => e.Billed).ShouldBe((await router.Services.GetRequiredService<ICascadeStateStore>()
            .GetAttemptsAsync(third.Headers.GetValues("x-cascade-request-id").Single())).Count(a => a.Billed));
    }

    [Fact]
    public async Task TheCallerLeavingMidStream_CancelsTheUpstreamCall_AndTheBilledPartIsSettled()
    {
        // Slow tokens (5 a second), so the answer is still streaming when the caller leaves.
        await using SimulatorHost simulator = await SimulatorHost.StartAsync(latencyScale: 20);
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();

        // No draining of the unread answer on dispose: the connection closes, as when a caller goes away.
        using HttpClient http = new(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = router.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Secret);
        using HttpRequestMessage request = new(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = OpenAIEndpointTests.Json("""{"model":"opus","stream":true,"max_tokens":2000,"messages":[{"role":"user","content":"Write a long essay about the history of online shopping."}]}"""),
        };

        HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        string requestId = response.Headers.GetValues("x-cascade-request-id").Single();
        using (Stream body = await response.Content.ReadAsStreamAsync())
        using (StreamReader reader = new(body))
        {
            (await reader.ReadLineAsync()).ShouldNotBeNull().ShouldStartWith("data: ");
        }

        response.Dispose();

        // The simulator finishes its ledger entry when the router's upstream call goes away.
        await simulator.Ledger.Entries.Single().Completion.WaitAsync(TimeSpan.FromSeconds(30));
        var entry = simulator.Ledger.Entries.Single();
        entry.Outcome.ToString().ShouldBe("ClientDisconnected");
        entry.Billed.ShouldBeTrue();
        IReadOnlyList<AttemptRecord> attempts = await WhenLoggedAsync(router.Services.GetRequiredService<ICascadeStateStore>(), requestId);
        AttemptRecord attempt = attempts.ShouldHaveSingleItem();
        attempt.Outcome.ShouldBe(AttemptOutcome.Cancelled);
        attempt.Billed.ShouldBeTrue();
        attempt.Cost.ShouldBeGreaterThan(0);
        (await WhenSettledAsync(router.Services.GetRequiredService<ISpendStore>(), key.Key.Id)).DailyBilled.ShouldBe(attempt.Cost);
    }

    [Fact]
    public async Task TheCallerLeavingMidAttempt_SettlesTheBilledAttemptFromTheRouteTheCascadeReturns()
    {
        // An attempt log that loses every write: what the key is charged can only come from the route the cascade hands back.
        var lost = new LosingAttemptLog();
        await using SimulatorHost simulator = await SimulatorHost.StartAsync(latencyScale: 20);
        await using RouterFactory router = RouterFactory.OnKestrel(simulator,
            services: services => services.Replace(ServiceDescriptor.Singleton<ICascadeStateStore>(lost)));
        CreatedApiKey key = await router.CreateKeyAsync();
        using HttpClient http = new(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = router.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Secret);
        using HttpRequestMessage request = new(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = OpenAIEndpointTests.Json("""{"model":"opus","stream":true,"max_tokens":2000,"messages":[{"role":"user","content":"Write a long essay about the history of online shopping."}]}"""),
        };

        HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using (Stream body = await response.Content.ReadAsStreamAsync())
        using (StreamReader reader = new(body))
        {
            (await reader.ReadLineAsync()).ShouldNotBeNull().ShouldStartWith("data: ");
        }

        response.Dispose();

        await simulator.Ledger.Entries.Single().Completion.WaitAsync(TimeSpan.FromSeconds(30));
        simulator.Ledger.Entries.Single().Billed.ShouldBeTrue();
        SpendSnapshot settled = await WhenSettledAsync(router.Services.GetRequiredService<ISpendStore>(), key.Key.Id);
        lost.Dropped.ShouldBeGreaterThan(0);
        settled.DailyBilled.ShouldBeGreaterThan(0m);
        settled.DailyCommitted.ShouldBe(settled.DailyBilled, "nothing stays reserved once the cancelled request settled");
    }

    [Fact]
    public async Task AnArgumentExceptionFromInsideTheCascade_IsTheRoutersFailure_NotTheCallersBadRequest()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator, settings: new Dictionary<string, string?>
        {
            ["Router:UpfrontRouting:Enabled"] = "false",
            ["Cascade:Tiers:0:Gates:0:Kind"] = "broken",
        }, services: services => services.AddGateKind("broken", _ => new BrokenGate()));
        CreatedApiKey key = await router.CreateKeyAsync(new ApiKeyPolicy { MaxRequestCost = 0.5m });
        using HttpClient http = router.CreateHttpClient(key.Secret);

        HttpResponseMessage response = await http.PostAsync("/v1/messages", OpenAIEndpointTests.Json(Question));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        // The haiku call was made and billed before the gate failed: the key is charged for it, from the returned route.
        SpendSnapshot settled = await router.Services.GetRequiredService<ISpendStore>().GetAsync(key.Key.Id);
        settled.DailyBilled.ShouldBeGreaterThan(0m);
        settled.DailyCommitted.ShouldBe(settled.DailyBilled);
    }

    private static async Task<IReadOnlyList<AttemptRecord>> WhenLoggedAsync(ICascadeStateStore store, string requestId) =>
        await Eventually(async () => await store.GetAttemptsAsync(requestId) is { Count: > 0 } attempts ? attempts : null);

    private static async Task<SpendSnapshot> WhenSettledAsync(ISpendStore spend, string keyId) =>
        await Eventually(async () => await spend.GetAsync(keyId) is { DailyBilled: > 0 } snapshot ? snapshot : null);

    // The cascade logs the cancelled attempt and the router settles it after the disconnect, on the server's own
    // request thread, which the test cannot join: it polls for the outcome, bounded by a timeout.
    private static async Task<T> Eventually<T>(Func<Task<T?>> probe)
        where T : class
    {
        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string body, string idempotencyKey)
    {
        using HttpRequestMessage request = new(HttpMethod.Post, "/v1/messages") { Content = OpenAIEndpointTests.Json(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await http.SendAsync(request);
    }

    private static decimal Cost(HttpResponseMessage response) =>
        decimal.Parse(response.Headers.GetValues("x-cascade-cost-usd").Single(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A gate with a bug: it throws an <see cref="ArgumentException"/> of its own.</summary>
    private sealed class BrokenGate : IQualityGate
    {
        public string Name => "broken";

        public ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default) =>
            throw new ArgumentException("index out of range in the gate's own parser");
    }

    /// <summary>An in-memory state store whose attempt log drops every write.</summary>
    private sealed class LosingAttemptLog : ICascadeStateStore
    {
        private readonly InMemoryCascadeStateStore _inner = new();
        private int _dropped;

        public int Dropped => Volatile.Read(ref _dropped);

        public ValueTask AppendAttemptsAsync(IReadOnlyList<AttemptRecord> attempts, CancellationToken cancellationToken = default)
        {
            Interlocked.Add(ref _dropped, attempts.Count);
            return ValueTask.CompletedTask;
        }

        public ValueTask<CircuitSnapshot?> GetCircuitAsync(string circuitKey, CancellationToken cancellationToken = default) => _inner.GetCircuitAsync(circuitKey, cancellationToken);

        public ValueTask SetCircuitAsync(string circuitKey, CircuitSnapshot snapshot, CancellationToken cancellationToken = default) => _inner.SetCircuitAsync(circuitKey, snapshot, cancellationToken);

        public ValueTask AppendWorkloadOutcomeAsync(string workload, WorkloadOutcome outcome, int windowSize, CancellationToken cancellationToken = default) =>
            _inner.AppendWorkloadOutcomeAsync(workload, outcome, windowSize, cancellationToken);

        public ValueTask<IReadOnlyList<WorkloadOutcome>> GetWorkloadOutcomesAsync(string workload, int max, CancellationToken cancellationToken = default) =>
            _inner.GetWorkloadOutcomesAsync(workload, max, cancellationToken);

        public ValueTask<IReadOnlyList<string>> GetWorkloadsAsync(CancellationToken cancellationToken = default) => _inner.GetWorkloadsAsync(cancellationToken);

        public ValueTask<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string requestId, CancellationToken cancellationToken = default) => _inner.GetAttemptsAsync(requestId, cancellationToken);

        public ValueTask<IReadOnlyList<AttemptRecord>> GetRecentAttemptsAsync(int max, CancellationToken cancellationToken = default) => _inner.GetRecentAttemptsAsync(max, cancellationToken);
    }
}
