using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace Cascade.Router.Tests;

public sealed class OpenAIEndpointTests
{
    [Fact]
    public async Task OfficialClient_GetsAnAnswerWithTheRouteInHeaders_AndTheRouterBillsWhatTheSimulatorBilled()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync(new ApiKeyPolicy { RequestsPerWindow = 100 });
        ChatClient client = Client(router, key.Secret, "cascade");

        ClientResult<ChatCompletion> result = await client.CompleteChatAsync(
            [new SystemChatMessage("You are the support assistant of an online store."), new UserChatMessage("How long does delivery take?")],
            new ChatCompletionOptions { MaxOutputTokenCount = 200 });

        result.Value.Content.ShouldNotBeEmpty();
        result.Value.Content[0].Text.ShouldNotBeNullOrWhiteSpace();
        PipelineResponse raw = result.GetRawResponse();
        Header(raw, "x-cascade-request-id").Length.ShouldBe(32);
        Header(raw, "x-cascade-tier").ShouldBeOneOf("haiku", "sonnet", "opus");
        int attempts = int.Parse(Header(raw, "x-cascade-attempts"), System.Globalization.CultureInfo.InvariantCulture);
        attempts.ShouldBeGreaterThanOrEqualTo(1);
        Header(raw, "x-cascade-escalations").ShouldBe((attempts - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        decimal.Parse(Header(raw, "x-cascade-cost-usd"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        Header(raw, "x-ratelimit-limit-requests").ShouldBe("100");
        Header(raw, "x-ratelimit-remaining-requests").ShouldBe("99");
        result.Value.Usage.InputTokenCount.ShouldBeGreaterThan(0);
        await GatewayAssertions.ShouldMatchTheSimulatorLedgerAsync(simulator, router);
    }

    [Fact]
    public async Task OfficialClient_StreamsTheAnswer_AndTheLastChunkCarriesUsageAndTheRoute()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();
        ChatClient client = Client(router, key.Secret, "opus");

        StringBuilder text = new();
        ChatTokenUsage? usage = null;
        await foreach (StreamingChatCompletionUpdate update in client.CompleteChatStreamingAsync([new UserChatMessage("What is your return policy?")]))
        {
            foreach (ChatMessageContentPart part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage = update.Usage ?? usage;
        }

        text.ToString().ShouldNotBeNullOrWhiteSpace();
        usage.ShouldNotBeNull().OutputTokenCount.ShouldBeGreaterThan(0);

        // The raw stream: the route arrives in the final usage chunk, the tier being unknown when headers were sent.
        using HttpClient http = router.CreateHttpClient(key.Secret);
        using HttpResponseMessage response = await http.PostAsync("/v1/chat/completions", Json("""{"model":"opus","stream":true,"messages":[{"role":"user","content":"What is your return policy?"}]}"""));
        string[] events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        events[^1].ShouldBe("data: [DONE]");
        using JsonDocument last = JsonDocument.Parse(events[^2]["data: ".Length..]);
        last.RootElement.GetProperty("cascade").GetProperty("tier").GetString().ShouldBe("opus");
        last.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt64().ShouldBeGreaterThan(0);
        response.Headers.GetValues("x-cascade-request-id").Single().ShouldBe(last.RootElement.GetProperty("cascade").GetProperty("request_id").GetString());
        await GatewayAssertions.ShouldMatchTheSimulatorLedgerAsync(simulator, router);
    }

    [Fact]
    public async Task OfficialClient_PassesToolsThrough_AndGetsTheToolCallBack()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();
        ChatClient client = Client(router, key.Secret, "sonnet");
        ChatTool tool = ChatTool.CreateFunctionTool(
            "get_order_status",
            "Looks up an order by its number.",
            BinaryData.FromString("""{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}"""));

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Where is my order A12345?")], new ChatCompletionOptions { Tools = { tool } });

        completion.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        ChatToolCall call = completion.ToolCalls.ShouldHaveSingleItem();
        call.FunctionName.ShouldBe("get_order_status");
        call.FunctionArguments.ToString().ShouldContain("A12345");
    }

    [Fact]
    public async Task BadRequests_Get4xxInOpenAIsShape_AndNoProviderIsCalled()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator, settings: new Dictionary<string, string?>
        {
            ["Cascade:Tiers:0:Deployments:0:ContextWindow"] = "2000",
            ["Cascade:Tiers:1:Deployments:0:ContextWindow"] = "4000",
            ["Cascade:Tiers:2:Deployments:0:ContextWindow"] = "8000",
        });
        CreatedApiKey key = await router.CreateKeyAsync();
        using HttpClient http = router.CreateHttpClient(key.Secret);
        string longPrompt = string.Join(' ', Enumerable.Range(0, 9000).Select(i => $"word{i}"));

        HttpResponseMessage unknownModel = await http.PostAsync("/v1/chat/completions", Json("""{"model":"gpt-9","messages":[{"role":"user","content":"hi"}]}"""));
        HttpResponseMessage noMessages = await http.PostAsync("/v1/chat/completions", Json("""{"model":"cascade","messages":[]}"""));
        HttpResponseMessage notJson = await http.PostAsync("/v1/chat/completions", Json("""{"model":"cascade","messages":"""));
        HttpResponseMessage tooLong = await http.PostAsync("/v1/chat/completions", Json(JsonSerializer.Serialize(new { model = "cascade", messages = new[] { new { role = "user", content = longPrompt } } })));
        HttpResponseMessage badCeiling = await SendAsync(http, """{"model":"cascade","messages":[{"role":"user","content":"hi"}]}""", ("x-cascade-max-cost", "lots"));

        unknownModel.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ErrorAsync(unknownModel)).GetProperty("message").GetString()!.ShouldContain("haiku, sonnet, opus");
        noMessages.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        notJson.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(tooLong)).GetProperty("code").GetString().ShouldBe("context_length_exceeded");
        tooLong.Headers.GetValues("x-should-retry").Single().ShouldBe("false");
        badCeiling.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        simulator.Ledger.Entries.ShouldBeEmpty();
    }

    internal static ChatClient Client(RouterFactory router, string key, string model) =>
        new(model, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(router.BaseUrl, "/v1"), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) });

    internal static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient http, string json, params (string Name, string Value)[] headers)
    {
        using HttpRequestMessage request = new(HttpMethod.Post, "/v1/chat/completions") { Content = Json(json) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await http.SendAsync(request);
    }

    internal static async Task<JsonElement> ErrorAsync(HttpResponseMessage response)
    {
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").Clone();
    }

    private static string Header(PipelineResponse response, string name) =>
        response.Headers.TryGetValue(name, out string? value) ? value! : throw new ShouldAssertException($"The response has no {name} header.");
}
