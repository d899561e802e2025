using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using Cascade.Protocol;
using Cascade.Protocol.OpenAI;
using Cascade.Protocol.Sse;
using Cascade.Simulator.Billing;
using Cascade.Simulator.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Cascade.Simulator.Tests.Endpoints;

public sealed class OpenAIEndpointsTests : IClassFixture<OpenAIEndpointsTests.Server>
{
    private readonly SimulatorServer _server;

    public OpenAIEndpointsTests(Server server) => _server = server.Instance;

    [Fact]
    public async Task ChatCompletions_AnswersThroughTheOpenAIClient_AndBillsWhatItReports()
    {
        using IDisposable scope = TestHeaders.Scope(("x-request-id", "oai-plain"));

        ChatResponse response = await _server.OpenAI().GetResponseAsync("Which payment methods do you accept?", cancellationToken: TestContext.Current.CancellationToken);

        response.Text.ShouldContain("PayPal");
        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
        LedgerEntry entry = _server.Ledger.ForRequest("oai-plain").ShouldHaveSingleItem();
        await entry.Completion;
        entry.Api.ShouldBe("openai");
        entry.InputTokens.ShouldBe(response.Usage!.InputTokenCount!.Value);
        entry.OutputTokens.ShouldBe(response.Usage.OutputTokenCount!.Value);
        entry.OutputTokens.ShouldBe(Cascade.TokenCounter.Default.Count(response.Text));
    }

    [Fact]
    public async Task ChatCompletions_StreamsWithAFinalUsageChunk()
    {
        var text = new StringBuilder();
        UsageDetails? usage = null;
        ChatFinishReason? finish = null;
        await foreach (ChatResponseUpdate update in _server.OpenAI("gpt-4o").GetStreamingResponseAsync("How long does delivery take?", cancellationToken: TestContext.Current.CancellationToken))
        {
            text.Append(update.Text);
            finish ??= update.FinishReason;
            usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
        }

        text.ToString().ShouldContain("business days");
        finish.ShouldBe(ChatFinishReason.Stop);
        usage.ShouldNotBeNull();
        usage.OutputTokenCount.ShouldBe(Cascade.TokenCounter.Default.Count(text.ToString()));
    }

    [Fact]
    public async Task ChatCompletions_StreamOrder_RoleThenContentThenFinishThenUsageThenDone()
    {
        using HttpResponseMessage response = await PostAsync("""{"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"What are your support hours?"}]}""", stream: true);
        Stream body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var raw = new List<string>();
        await foreach (System.Net.ServerSentEvents.SseItem<string> item in SseReader.ReadAsync(body, TestContext.Current.CancellationToken))
        {
            raw.Add(item.Data);
        }

        raw[^1].ShouldBe("[DONE]");
        OpenAIChatChunk[] chunks = [.. raw[..^1].Select(d => JsonSerializer.Deserialize(d, ProtocolJsonContext.Default.OpenAIChatChunk)!)];
        chunks[0].Choices[0].Delta.Role.ShouldBe("assistant");
        chunks[^1].Choices.ShouldBeEmpty();
        chunks[^1].Usage!.CompletionTokens.ShouldBe(Cascade.TokenCounter.Default.Count(string.Concat(chunks.SelectMany(c => c.Choices).Select(c => c.Delta.Content))));
        chunks[^2].Choices[0].FinishReason.ShouldBe("stop");
        chunks[..^2].ShouldAllBe(c => c.Choices[0].FinishReason == null && c.Usage == null);
        chunks.Select(c => c.Id).Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task ChatCompletions_WithoutIncludeUsage_SendsNoUsageChunk()
    {
        using HttpResponseMessage response = await PostAsync("""{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"What are your support hours?"}]}""", stream: true);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        body.ShouldNotContain("\"usage\"");
        body.TrimEnd().ShouldEndWith("data: [DONE]");
    }

    [Fact]
    public async Task ChatCompletions_CallsTools_AndStreamsToolCalls()
    {
        AIFunctionDeclaration tool = AIFunctionFactory.CreateDeclaration("get_order_status", "Looks up an order", JsonDocument.Parse("""{"type":"object","properties":{"order_id":{"type":"string"}}}""").RootElement);
        var options = new ChatOptions { Tools = [tool] };

        ChatResponse response = await _server.OpenAI().GetResponseAsync("Where is my order #48213?", options, TestContext.Current.CancellationToken);
        var streamed = new List<FunctionCallContent>();
        await foreach (ChatResponseUpdate update in _server.OpenAI().GetStreamingResponseAsync("Where is my order #48213?", options, TestContext.Current.CancellationToken))
        {
            streamed.AddRange(update.Contents.OfType<FunctionCallContent>());
        }

        response.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        FunctionCallContent call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ShouldHaveSingleItem();
        call.Arguments!["order_id"]!.ToString().ShouldBe("48213");
        streamed.ShouldHaveSingleItem().Arguments!["order_id"]!.ToString().ShouldBe("48213");
        response.Usage!.OutputTokenCount.ShouldBe(Cascade.TokenCounter.Default.Count("get_order_status") + Cascade.TokenCounter.Default.Count("""{"order_id":"48213"}"""));
    }

    [Fact]
    public async Task ChatCompletions_FollowsAJsonSchemaResponseFormat()
    {
        JsonElement schema = JsonDocument.Parse("""
            {"type":"object","properties":{"accuracy":{"type":"integer","minimum":1,"maximum":5},"overall":{"type":"number","minimum":1,"maximum":5},
             "should_escalate":{"type":"boolean"},"reason":{"type":"string"}},"required":["accuracy","overall","should_escalate","reason"]}
            """).RootElement;
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "verdict") };

        ChatResponse good = await _server.OpenAI("gpt-4o").GetResponseAsync("Rate this answer: Standard delivery takes 3-5 business days.", options, TestContext.Current.CancellationToken);
        ChatResponse hedged = await _server.OpenAI("gpt-4o").GetResponseAsync("Rate this answer: I think it depends, I'm not sure.", options, TestContext.Current.CancellationToken);

        using JsonDocument goodJson = JsonDocument.Parse(good.Text);
        using JsonDocument hedgedJson = JsonDocument.Parse(hedged.Text);
        goodJson.RootElement.GetProperty("accuracy").GetInt32().ShouldBeInRange(1, 5);
        goodJson.RootElement.GetProperty("should_escalate").GetBoolean().ShouldBeFalse();
        goodJson.RootElement.GetProperty("overall").GetDouble().ShouldBeGreaterThanOrEqualTo(3.5);
        hedgedJson.RootElement.GetProperty("should_escalate").GetBoolean().ShouldBeTrue();
        hedgedJson.RootElement.GetProperty("overall").GetDouble().ShouldBeLessThan(3.5);
    }

    [Fact]
    public async Task ChatCompletions_JsonObjectFormat_IsValidJson()
    {
        ChatResponse response = await _server.OpenAI().GetResponseAsync("Summarize your return policy.", new ChatOptions { ResponseFormat = ChatResponseFormat.Json }, TestContext.Current.CancellationToken);

        using JsonDocument json = JsonDocument.Parse(response.Text);
        json.RootElement.GetProperty("answer").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task ChatCompletions_ReturnsLogprobsWhenAsked()
    {
        using HttpResponseMessage response = await PostAsync("""{"model":"gpt-4o-mini","logprobs":true,"top_logprobs":3,"messages":[{"role":"user","content":"How long does delivery take?"}]}""");
        OpenAIChatCompletion completion = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), ProtocolJsonContext.Default.OpenAIChatCompletion)!;

        List<OpenAITokenLogprob> tokens = completion.Choices[0].Logprobs!.Content!;
        string.Concat(tokens.Select(t => t.Token)).ShouldBe(completion.Choices[0].Message.Content!.GetText());
        tokens.ShouldAllBe(t => t.Logprob <= 0 && t.TopLogprobs.Count == 3);
        tokens.ShouldAllBe(t => t.TopLogprobs[0].Token == t.Token && t.TopLogprobs[1].Logprob < t.TopLogprobs[0].Logprob);
    }

    [Fact]
    public async Task ChatCompletions_StreamsLogprobsPerChunk()
    {
        using HttpResponseMessage response = await PostAsync("""{"model":"gpt-4o-mini","stream":true,"logprobs":true,"messages":[{"role":"user","content":"How long does delivery take?"}]}""", stream: true);
        var chunks = new List<OpenAIChatChunk>();
        await foreach (SseEvent<OpenAIChatChunk> item in SseReader.ReadJsonAsync(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), ProtocolJsonContext.Default.OpenAIChatChunk, TestContext.Current.CancellationToken))
        {
            chunks.Add(item.Data);
        }

        OpenAIChatChunk[] content = [.. chunks.Where(c => c.Choices.Count > 0 && !string.IsNullOrEmpty(c.Choices[0].Delta.Content))];
        content.ShouldNotBeEmpty();
        content.ShouldAllBe(c => c.Choices[0].Logprobs!.Content!.Single().Token == c.Choices[0].Delta.Content);
    }

    [Fact]
    public async Task ChatCompletions_WithoutLogprobs_SendsNull()
    {
        using HttpResponseMessage response = await PostAsync("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hello"}]}""");

        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"logprobs\":null");
    }

    [Fact]
    public async Task ChatCompletions_UnknownModel_Is404ForTheClient()
    {
        ClientResultException ex = await Should.ThrowAsync<ClientResultException>(() => _server.OpenAI("gpt-nope").GetResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken));

        ex.Status.ShouldBe(404);
        ex.Message.ShouldContain("model_not_found");
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", 400, "model")]
    [InlineData("""{"model":"gpt-4o-mini","messages":[]}""", 400, "messages")]
    [InlineData("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"temperature":7}""", 400, "temperature")]
    [InlineData("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"max_tokens":100000}""", 400, "max_tokens")]
    [InlineData("""{"model":"gpt-4o-mini","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{oops"}}]}]}""", 400, "messages")]
    [InlineData("""{"model":"tiny-context","messages":[{"role":"user","content":"Tell me everything about delivery, returns, payments, warranties, price adjustments and opening hours, in detail, with examples please."}]}""", 400, "messages")]
    [InlineData("""{"model":"gpt-4o-mini","messages":"nope"}""", 400, null)]
    public async Task ChatCompletions_RejectsBadInputInTheApiShape(string body, int status, string? param)
    {
        using HttpResponseMessage response = await PostAsync(body);

        ((int)response.StatusCode).ShouldBe(status);
        OpenAIErrorResponse error = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), ProtocolJsonContext.Default.OpenAIErrorResponse)!;
        error.Error.Type.ShouldBe("invalid_request_error");
        error.Error.Param.ShouldBe(param);
        error.Error.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task ChatCompletions_PromptTooLong_SaysContextLengthExceeded()
    {
        using HttpResponseMessage response = await PostAsync("""{"model":"tiny-context","messages":[{"role":"user","content":"Tell me everything about delivery, returns, payments, warranties, price adjustments and opening hours, in detail, with examples please."}]}""");

        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("context_length_exceeded");
    }

    [Fact]
    public async Task ChatCompletions_WithoutKey_Is401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json") };

        using HttpResponseMessage response = await _server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("invalid_api_key");
    }

    [Fact]
    public async Task ChatCompletions_StopSequence_CutsTheAnswer()
    {
        using HttpResponseMessage response = await PostAsync("""{"model":"gpt-4o-mini","stop":"business","messages":[{"role":"user","content":"How long does delivery take?"}]}""");
        OpenAIChatCompletion completion = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), ProtocolJsonContext.Default.OpenAIChatCompletion)!;

        completion.Choices[0].Message.Content!.GetText().ShouldBe("Standard delivery takes 3-5 ");
        completion.Choices[0].FinishReason.ShouldBe("stop");
    }

    [Fact]
    public async Task Models_ListsEveryModelInTheOpenAIShape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "k");

        using HttpResponseMessage response = await _server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        OpenAIModelList list = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), ProtocolJsonContext.Default.OpenAIModelList)!;
        list.Object.ShouldBe("list");
        list.Data.Select(m => m.Id).ShouldContain("gpt-4o-mini");
        list.Data.Select(m => m.Id).ShouldContain(SimulatorServer.Haiku);
    }

    [Fact]
    public async Task Models_GetsOneModelInTheOpenAIShape_Or404()
    {
        using var found = new HttpRequestMessage(HttpMethod.Get, "/v1/models/gpt-4o");
        found.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "k");
        using var missing = new HttpRequestMessage(HttpMethod.Get, "/v1/models/gpt-nope");
        missing.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "k");

        using HttpResponseMessage ok = await _server.Http.SendAsync(found, TestContext.Current.CancellationToken);
        using HttpResponseMessage notFound = await _server.Http.SendAsync(missing, TestContext.Current.CancellationToken);

        OpenAIModelInfo model = JsonSerializer.Deserialize(await ok.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), ProtocolJsonContext.Default.OpenAIModelInfo)!;
        model.Id.ShouldBe("gpt-4o");
        model.OwnedBy.ShouldBe("openai");
        notFound.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await notFound.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("model_not_found");
    }

    private async Task<HttpResponseMessage> PostAsync(string body, bool stream = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "raw-key");
        return await _server.Http.SendAsync(request, stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, TestContext.Current.CancellationToken);
    }

    public sealed class Server : IDisposable
    {
        public SimulatorServer Instance { get; } = new();

        public void Dispose() => Instance.Dispose();
    }
}
