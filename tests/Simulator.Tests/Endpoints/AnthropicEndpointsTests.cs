using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic.Exceptions;
using Cascade.Protocol;
using Cascade.Protocol.Anthropic;
using Cascade.Protocol.Sse;
using Cascade.Simulator.Billing;
using Cascade.Simulator.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Cascade.Simulator.Tests.Endpoints;

public sealed class AnthropicEndpointsTests : IClassFixture<AnthropicEndpointsTests.Server>
{
    private readonly SimulatorServer _server;

    public AnthropicEndpointsTests(Server server) => _server = server.Instance;

    [Fact]
    public async Task Messages_AnswersThroughTheAnthropicSdk_AndBillsWhatItReports()
    {
        using IDisposable scope = TestHeaders.Scope(("x-cascade-request-id", "anth-plain"));

        ChatResponse response = await _server.Anthropic().GetResponseAsync("How long does standard delivery take?", cancellationToken: TestContext.Current.CancellationToken);

        response.Text.ShouldContain("3-5 business days");
        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
        response.ModelId.ShouldBe(SimulatorServer.Haiku);
        LedgerEntry entry = _server.Ledger.ForRequest("anth-plain").ShouldHaveSingleItem();
        await entry.Completion;
        entry.Outcome.ShouldBe(LedgerOutcome.Completed);
        entry.Api.ShouldBe("anthropic");
        entry.InputTokens.ShouldBe(response.Usage!.InputTokenCount!.Value);
        entry.OutputTokens.ShouldBe(response.Usage.OutputTokenCount!.Value);
        entry.OutputTokens.ShouldBe(Cascade.TokenCounter.Default.Count(response.Text));
        entry.InputTokens.ShouldBe(Cascade.TokenCounter.Default.CountInput([new ChatMessage(ChatRole.User, "How long does standard delivery take?")], new ChatOptions { MaxOutputTokens = 256 }));
    }

    [Fact]
    public async Task Messages_StreamsTheRealEventSequence()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent("""{"model":"claude-sonnet-4-6","max_tokens":200,"stream":true,"messages":[{"role":"user","content":"Which payment methods do you accept?"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", "raw-key");

        using HttpResponseMessage response = await _server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var events = new List<SseEvent<AnthropicStreamEvent>>();
        await foreach (SseEvent<AnthropicStreamEvent> item in SseReader.ReadJsonAsync(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), ProtocolJsonContext.Default.AnthropicStreamEvent, TestContext.Current.CancellationToken))
        {
            item.EventType.ShouldBe(item.Data.Type);
            events.Add(item);
        }

        string[] names = [.. events.Select(e => e.EventType).Where(n => n != "content_block_delta").Distinct()];
        names.ShouldBe(["message_start", "content_block_start", "ping", "content_block_stop", "message_delta", "message_stop"]);
        events[0].Data.Message!.Usage.InputTokens.ShouldBeGreaterThan(0);
        int firstDelta = events.FindIndex(e => e.EventType == "content_block_delta");
        int lastDelta = events.FindLastIndex(e => e.EventType == "content_block_delta");
        events.FindIndex(e => e.EventType == "content_block_start").ShouldBeLessThan(firstDelta);
        events.FindIndex(e => e.EventType == "content_block_stop").ShouldBeGreaterThan(lastDelta);
        string text = string.Concat(events.Where(e => e.EventType == "content_block_delta").Select(e => e.Data.Delta!.Text));
        text.ShouldContain("PayPal");
        AnthropicStreamEvent delta = events.Single(e => e.EventType == "message_delta").Data;
        delta.Delta!.StopReason.ShouldBe("end_turn");
        delta.Usage!.OutputTokens.ShouldBe(Cascade.TokenCounter.Default.Count(text));
        delta.Usage.InputTokens.ShouldBe(events[0].Data.Message!.Usage.InputTokens);
    }

    [Fact]
    public async Task Messages_FollowTheStructuredOutputSchema_AsAJudgeNeeds()
    {
        JsonElement schema = JsonDocument.Parse("""
            {"type":"object","properties":{"overall":{"type":"integer","minimum":1,"maximum":5},"should_escalate":{"type":"boolean"}},
             "required":["overall","should_escalate"],"additionalProperties":false}
            """).RootElement;
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "judge_rubric") };

        ChatResponse response = await _server.Anthropic(SimulatorServer.Sonnet).GetResponseAsync("Rate this answer: Returns are free within 30 days.", options, TestContext.Current.CancellationToken);

        using JsonDocument json = JsonDocument.Parse(response.Text);
        json.RootElement.GetProperty("overall").GetInt32().ShouldBeInRange(1, 5);
        json.RootElement.GetProperty("should_escalate").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
    }

    [Fact]
    public async Task Messages_StreamsThroughTheSdk_WithUsage()
    {
        var text = new StringBuilder();
        UsageDetails? usage = null;
        await foreach (ChatResponseUpdate update in _server.Anthropic(SimulatorServer.Opus).GetStreamingResponseAsync("What is your return policy?", cancellationToken: TestContext.Current.CancellationToken))
        {
            text.Append(update.Text);
            usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
        }

        text.ToString().ShouldContain("30 days");
        usage.ShouldNotBeNull();
        usage.OutputTokenCount.ShouldBe(Cascade.TokenCounter.Default.Count(text.ToString()));
        usage.InputTokenCount.ShouldNotBeNull().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Messages_CallsTheOrderTool_AndAnswersFromItsResult()
    {
        AIFunctionDeclaration tool = AIFunctionFactory.CreateDeclaration("get_order_status", "Looks up an order",
            JsonDocument.Parse("""{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}""").RootElement);
        var options = new ChatOptions { Tools = [tool] };
        List<ChatMessage> messages = [new(ChatRole.User, "Where is my order A12345?")];
        IChatClient client = _server.Anthropic(SimulatorServer.Sonnet);

        ChatResponse first = await client.GetResponseAsync(messages, options, TestContext.Current.CancellationToken);

        first.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        FunctionCallContent call = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ShouldHaveSingleItem();
        call.Name.ShouldBe("get_order_status");
        call.Arguments!["order_id"]!.ToString().ShouldBe("A12345");

        messages.AddRange(first.Messages);
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, """{"status":"shipped","eta":"2026-12-03"}""")]));
        ChatResponse second = await client.GetResponseAsync(messages, options, TestContext.Current.CancellationToken);

        second.Text.ShouldContain("A12345");
        second.Text.ShouldContain("shipped");
    }

    [Fact]
    public async Task Messages_StreamsToolUseBlocks()
    {
        AIFunctionDeclaration tool = AIFunctionFactory.CreateDeclaration("lookup_order", null, JsonDocument.Parse("""{"type":"object","properties":{"order_id":{"type":"string"}}}""").RootElement);
        var calls = new List<FunctionCallContent>();
        await foreach (ChatResponseUpdate update in _server.Anthropic().GetStreamingResponseAsync("Can you track order ORD-1001 for me?", new ChatOptions { Tools = [tool] }, TestContext.Current.CancellationToken))
        {
            calls.AddRange(update.Contents.OfType<FunctionCallContent>());
        }

        FunctionCallContent call = calls.ShouldHaveSingleItem();
        call.Name.ShouldBe("lookup_order");
        call.Arguments!["order_id"]!.ToString().ShouldBe("ORD-1001");
    }

    [Fact]
    public async Task CountTokens_MatchesWhatTheMessageIsBilled()
    {
        const string body = """{"model":"claude-haiku-4-5-20251001","max_tokens":50,"system":"Be brief.","messages":[{"role":"user","content":"How long does delivery take?"}]}""";
        using IDisposable scope = TestHeaders.Scope(("x-request-id", "count-vs-bill"));
        using var count = new HttpRequestMessage(HttpMethod.Post, "/v1/messages/count_tokens") { Content = new StringContent(body.Replace("\"max_tokens\":50,", "", StringComparison.Ordinal), Encoding.UTF8, "application/json") };
        count.Headers.Add("x-api-key", "k1");

        using HttpResponseMessage counted = await _server.Http.SendAsync(count, TestContext.Current.CancellationToken);
        using HttpResponseMessage billed = await PostAsync(body, ("x-api-key", "k1"));

        AnthropicTokenCount tokens = JsonSerializer.Deserialize(await counted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), ProtocolJsonContext.Default.AnthropicTokenCount)!;
        AnthropicMessageResponse message = JsonSerializer.Deserialize(await billed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), ProtocolJsonContext.Default.AnthropicMessageResponse)!;
        tokens.InputTokens.ShouldBe(message.Usage.InputTokens);
        _server.Ledger.ForRequest("count-vs-bill").ShouldHaveSingleItem().InputTokens.ShouldBe(tokens.InputTokens);
    }

    [Fact]
    public async Task Messages_AcceptsTheKeyAsXApiKey()
    {
        using HttpResponseMessage response = await PostAsync("""{"model":"claude-haiku-4-5-20251001","max_tokens":50,"messages":[{"role":"user","content":"hello"}]}""", ("x-api-key", "k1"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("request-id").ShouldHaveSingleItem().ShouldNotBeNullOrEmpty();
        AnthropicMessageResponse body = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), ProtocolJsonContext.Default.AnthropicMessageResponse)!;
        body.Content.ShouldHaveSingleItem().Type.ShouldBe("text");
        body.StopReason.ShouldBe("end_turn");
    }

    [Theory]
    [InlineData("""{"model":"claude-haiku-4-5-20251001","messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error", "max_tokens")]
    [InlineData("""{"model":"claude-haiku-4-5-20251001","max_tokens":10,"messages":[{"role":"user","content":"hi"}""", 400, "invalid_request_error", "not valid JSON")]
    [InlineData("""{"model":"claude-haiku-4-5-20251001","max_tokens":10,"messages":[{"role":"robot","content":"hi"}]}""", 400, "invalid_request_error", "role")]
    [InlineData("""{"model":"claude-haiku-4-5-20251001","max_tokens":999999,"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error", "maximum allowed")]
    [InlineData("""{"model":"claude-nope","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", 404, "not_found_error", "claude-nope")]
    [InlineData("""{"model":"tiny-context","max_tokens":10,"messages":[{"role":"user","content":"Tell me everything about delivery, returns, payments, warranties, price adjustments and opening hours, in detail, with examples please."}]}""", 400, "invalid_request_error", "prompt is too long")]
    [InlineData("""[1,2]""", 400, "invalid_request_error", "not valid JSON")]
    public async Task Messages_RejectsBadInputInTheApiShape(string body, int status, string type, string message)
    {
        using HttpResponseMessage response = await PostAsync(body, ("x-api-key", "k1"));

        ((int)response.StatusCode).ShouldBe(status);
        AnthropicErrorResponse error = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), ProtocolJsonContext.Default.AnthropicErrorResponse)!;
        error.Type.ShouldBe("error");
        error.Error.Type.ShouldBe(type);
        error.Error.Message.ShouldContain(message);
    }

    [Fact]
    public async Task Messages_WithoutKey_Is401()
    {
        using HttpResponseMessage response = await PostAsync("""{"model":"claude-haiku-4-5-20251001","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("authentication_error");
    }

    [Fact]
    public async Task Messages_UnknownModel_SurfacesAsSdkException()
    {
        AnthropicApiException ex = await Should.ThrowAsync<AnthropicApiException>(() => _server.Anthropic("claude-nope").GetResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken));

        ((int)ex.StatusCode).ShouldBe(404);
    }

    [Fact]
    public async Task Messages_PromptTooLong_SurfacesAsSdk400()
    {
        AnthropicApiException ex = await Should.ThrowAsync<AnthropicApiException>(() => _server.Anthropic(SimulatorServer.Tiny, maxOutputTokens: 10).GetResponseAsync(
            "Tell me everything about delivery, returns, payments, warranties, price adjustments and opening hours, in detail, with examples please.", cancellationToken: TestContext.Current.CancellationToken));

        ((int)ex.StatusCode).ShouldBe(400);
        ex.Message.ShouldContain("prompt is too long");
    }

    [Fact]
    public async Task Messages_StopsAtMaxTokens()
    {
        ChatResponse response = await _server.Anthropic(SimulatorServer.Opus, maxOutputTokens: 5).GetResponseAsync(
            "Can I return an international order after 30 days if it was damaged, and how is the refund paid?", cancellationToken: TestContext.Current.CancellationToken);

        response.FinishReason.ShouldBe(ChatFinishReason.Length);
        response.Usage!.OutputTokenCount!.Value.ShouldBeLessThanOrEqualTo(5);
        response.Usage.OutputTokenCount.ShouldBe(Cascade.TokenCounter.Default.Count(response.Text));
    }

    [Fact]
    public async Task Models_ListsEveryModelInTheAnthropicShape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("x-api-key", "k1");
        request.Headers.Add("anthropic-version", "2023-06-01");

        using HttpResponseMessage response = await _server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        AnthropicModelList list = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), ProtocolJsonContext.Default.AnthropicModelList)!;
        list.Data.Select(m => m.Id).ShouldContain(SimulatorServer.Haiku);
        list.Data.Select(m => m.Id).ShouldContain(SimulatorServer.Sonnet);
        list.Data.Select(m => m.Id).ShouldContain(SimulatorServer.Opus);
        list.Data.ShouldAllBe(m => m.Type == "model");
    }

    [Fact]
    public async Task Models_GetsOneModel_Or404()
    {
        using var found = new HttpRequestMessage(HttpMethod.Get, "/v1/models/" + SimulatorServer.Opus);
        found.Headers.Add("x-api-key", "k1");
        using var missing = new HttpRequestMessage(HttpMethod.Get, "/v1/models/claude-nope");
        missing.Headers.Add("x-api-key", "k1");

        using HttpResponseMessage ok = await _server.Http.SendAsync(found, TestContext.Current.CancellationToken);
        using HttpResponseMessage notFound = await _server.Http.SendAsync(missing, TestContext.Current.CancellationToken);

        (await ok.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"display_name\"");
        notFound.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await notFound.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("not_found_error");
    }

    private async Task<HttpResponseMessage> PostAsync(string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach ((string name, string value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await _server.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public sealed class Server : IDisposable
    {
        public SimulatorServer Instance { get; } = new();

        public void Dispose() => Instance.Dispose();
    }
}
