using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Anthropic;
using Microsoft.Extensions.AI;

namespace Cascade.Router.Tests;

public sealed class AnthropicEndpointTests
{
    [Fact]
    public async Task OfficialClient_GetsAnAnswer_AndItsAttemptLogMatchesTheSimulatorLedger()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();
        IChatClient client = Client(router, key.Secret, "cascade/support");

        ChatResponse response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You are the support assistant of an online store."), new ChatMessage(ChatRole.User, "Can I pay with PayPal?")]);

        response.Text.ShouldNotBeNullOrWhiteSpace();
        response.Usage!.InputTokenCount.ShouldNotBeNull().ShouldBeGreaterThan(0);
        string requestId = response.ResponseId!["msg_".Length..];
        using HttpClient http = router.CreateHttpClient(key.Secret);
        RequestLog log = (await http.GetFromJsonAsync($"/v1/requests/{requestId}", RouterJsonContext.Default.RequestLog))!;
        log.Attempts.ShouldNotBeEmpty();
        log.Attempts.ShouldAllBe(a => a.RequestId == requestId);
        log.TotalCost.ShouldBeGreaterThan(0);
        await GatewayAssertions.ShouldMatchTheSimulatorLedgerAsync(simulator, router);

        using HttpClient other = router.CreateHttpClient((await router.CreateKeyAsync()).Secret);
        (await other.GetAsync($"/v1/requests/{requestId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a key sees only its own requests");
    }

    [Fact]
    public async Task OfficialClient_Streams_AndTheMessageDeltaCarriesTheRoute()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();
        // Pinned to the tier the router reaches through the OpenAI-compatible API: the simulator's Anthropic stream reports
        // input_tokens 0 in message_delta, which the Anthropic SDK takes as the final input count.
        IChatClient client = Client(router, key.Secret, "opus");

        List<ChatResponseUpdate> updates = [];
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "What are your opening hours?")]))
        {
            updates.Add(update);
        }

        updates.ToChatResponse().Text.ShouldNotBeNullOrWhiteSpace();

        using HttpClient http = router.CreateHttpClient(key.Secret);
        using HttpResponseMessage raw = await http.PostAsync("/v1/messages", OpenAIEndpointTests.Json(
            """{"model":"opus","max_tokens":200,"stream":true,"messages":[{"role":"user","content":"What are your opening hours?"}]}"""));
        string body = await raw.Content.ReadAsStringAsync();
        string[] events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        events[0].ShouldStartWith("event: message_start");
        events[^1].ShouldStartWith("event: message_stop");
        string delta = events.Single(e => e.StartsWith("event: message_delta", StringComparison.Ordinal));
        using JsonDocument json = JsonDocument.Parse(delta[(delta.IndexOf("data: ", StringComparison.Ordinal) + 6)..]);
        json.RootElement.GetProperty("cascade").GetProperty("tier").GetString().ShouldBe("opus");
        json.RootElement.GetProperty("usage").GetProperty("input_tokens").GetInt64().ShouldBeGreaterThan(0);
        json.RootElement.GetProperty("usage").GetProperty("output_tokens").GetInt64().ShouldBeGreaterThan(0);
        await GatewayAssertions.ShouldMatchTheSimulatorLedgerAsync(simulator, router);
    }

    [Fact]
    public async Task BadKeysAndBadBodies_GetAnthropicsErrorShape()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();
        using HttpClient anonymous = router.CreateHttpClient();
        using HttpClient http = router.CreateHttpClient();
        http.DefaultRequestHeaders.Add("x-api-key", key.Secret);

        HttpResponseMessage missingKey = await anonymous.PostAsync("/v1/messages", OpenAIEndpointTests.Json("""{"model":"cascade","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}"""));
        HttpResponseMessage noMaxTokens = await http.PostAsync("/v1/messages", OpenAIEndpointTests.Json("""{"model":"cascade","messages":[{"role":"user","content":"hi"}]}"""));

        missingKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using JsonDocument unauthorized = JsonDocument.Parse(await missingKey.Content.ReadAsStringAsync());
        unauthorized.RootElement.GetProperty("type").GetString().ShouldBe("error");
        unauthorized.RootElement.GetProperty("error").GetProperty("type").GetString().ShouldBe("authentication_error");
        noMaxTokens.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noMaxTokens.Content.ReadAsStringAsync()).ShouldContain("max_tokens");
        simulator.Ledger.Entries.ShouldBeEmpty();
    }

    [Fact]
    public async Task Models_ListsTheCascadeWorkloadsAndTiers_ThatTheKeyMayUse()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator, settings: new Dictionary<string, string?> { ["Cascade:Workloads:support:StartTier"] = "haiku" });
        CreatedApiKey all = await router.CreateKeyAsync();
        CreatedApiKey limited = await router.CreateKeyAsync(new ApiKeyPolicy { AllowedModels = ["cascade/*", "haiku"] });

        using JsonDocument openAI = JsonDocument.Parse(await router.CreateHttpClient(all.Secret).GetStringAsync("/v1/models"));
        using HttpClient anthropicStyle = router.CreateHttpClient(limited.Secret);
        anthropicStyle.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
        using JsonDocument anthropic = JsonDocument.Parse(await anthropicStyle.GetStringAsync("/v1/models"));

        openAI.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ShouldBe(["cascade", "cascade/support", "haiku", "sonnet", "opus"]);
        anthropic.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ShouldBe(["cascade/support", "haiku"]);
    }

    internal static IChatClient Client(RouterFactory router, string key, string model) =>
        new AnthropicClient { ApiKey = key, BaseUrl = router.BaseUrl.ToString().TrimEnd('/'), MaxRetries = 0 }.AsIChatClient(model, defaultMaxOutputTokens: 256);
}
