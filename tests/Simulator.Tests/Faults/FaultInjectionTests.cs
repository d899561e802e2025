using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Anthropic.Exceptions;
using Cascade.Simulator.Billing;
using Cascade.Simulator.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Cascade.Simulator.Tests.Faults;

public sealed class FaultInjectionTests : IClassFixture<FaultInjectionTests.Server>
{
    private const string Question = "How long does standard delivery take?";
    private readonly SimulatorServer _server;

    public FaultInjectionTests(Server server) => _server = server.Instance;

    [Fact]
    public async Task RateLimited_Is429WithRetryAfter_AndNotBilled()
    {
        using IDisposable scope = TestHeaders.Scope(("x-sim-fault", "429;retry-after=7"), ("x-cascade-request-id", "f-429"));

        AnthropicRateLimitException ex = await Should.ThrowAsync<AnthropicRateLimitException>(() => _server.Anthropic().GetResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken));
        using HttpResponseMessage raw = await RawAsync("429;retry-after=7");

        ((int)ex.StatusCode).ShouldBe(429);
        raw.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(7));
        (await raw.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("rate_limit_error");
        await ShouldBeUnbilledAsync("f-429", LedgerOutcome.Rejected, 429);
    }

    [Fact]
    public async Task ServerError_Is500_AndNotBilled()
    {
        using IDisposable scope = TestHeaders.Scope(("x-sim-fault", "500"), ("x-request-id", "f-500"));

        ClientResultException ex = await Should.ThrowAsync<ClientResultException>(() => _server.OpenAI().GetResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken));

        ex.Status.ShouldBe(500);
        await ShouldBeUnbilledAsync("f-500", LedgerOutcome.Rejected, 500);
    }

    [Fact]
    public async Task Overloaded_Is529_AndNotBilled()
    {
        using IDisposable scope = TestHeaders.Scope(("x-sim-fault", "529"), ("x-cascade-request-id", "f-529"));

        AnthropicOverloadedException ex = await Should.ThrowAsync<AnthropicOverloadedException>(() => _server.Anthropic().GetResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken));

        ((int)ex.StatusCode).ShouldBe(529);
        await ShouldBeUnbilledAsync("f-529", LedgerOutcome.Rejected, 529);
    }

    [Fact]
    public async Task ConnectionReset_DropsTheConnectionBeforeAnyResponse_AndNotBilled()
    {
        using IDisposable scope = TestHeaders.Scope(("x-sim-fault", "reset"), ("x-cascade-request-id", "f-reset"));

        Exception ex = await Should.ThrowAsync<Exception>(() => _server.Anthropic().GetResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken));
        Exception raw = await Should.ThrowAsync<HttpRequestException>(() => RawAsync("reset"));

        ex.ShouldNotBeOfType<AnthropicApiException>();
        raw.ShouldNotBeNull();
        await ShouldBeUnbilledAsync("f-reset", LedgerOutcome.Reset, 0);
    }

    [Fact]
    public async Task Hang_AcceptsAndBillsInput_ThenWaitsUntilTheClientGivesUp()
    {
        using IDisposable scope = TestHeaders.Scope(("x-sim-fault", "hang"), ("x-cascade-request-id", "f-hang"));
        Task<LedgerEntry> accepted = _server.Ledger.WhenAccepted("f-hang");
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        Task<ChatResponse> call = _server.Anthropic().GetResponseAsync(Question, cancellationToken: giveUp.Token);
        LedgerEntry entry = await accepted.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        call.IsCompleted.ShouldBeFalse();
        await giveUp.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => call);
        await entry.Completion.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        entry.Outcome.ShouldBe(LedgerOutcome.ClientDisconnected);
        entry.Billed.ShouldBeTrue();
        entry.InputTokens.ShouldBeGreaterThan(0);
        entry.OutputTokens.ShouldBe(0);
    }

    [Fact]
    public async Task StreamCut_StopsMidAnswer_AndBillsTheTokensSent()
    {
        using IDisposable scope = TestHeaders.Scope(("x-sim-fault", "cut;after=6"), ("x-cascade-request-id", "f-cut"));
        var received = new StringBuilder();

        await Should.ThrowAsync<Exception>(async () =>
        {
            await foreach (ChatResponseUpdate update in _server.Anthropic().GetStreamingResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken))
            {
                received.Append(update.Text);
            }
        });

        LedgerEntry entry = await FinishedAsync("f-cut");
        entry.Outcome.ShouldBe(LedgerOutcome.CutOff);
        received.Length.ShouldBeGreaterThan(0);
        entry.OutputTokens.ShouldBe(Cascade.TokenCounter.Default.Count(received.ToString()));
        entry.OutputTokens.ShouldBeLessThanOrEqualTo(6);
        entry.OutputTokens.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task StreamCut_OnOpenAI_StopsMidAnswer_AndBillsTheTokensSent()
    {
        using IDisposable scope = TestHeaders.Scope(("x-sim-fault", "cut"), ("x-request-id", "f-cut-oai"));
        var received = new StringBuilder();

        await Should.ThrowAsync<Exception>(async () =>
        {
            await foreach (ChatResponseUpdate update in _server.OpenAI().GetStreamingResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken))
            {
                received.Append(update.Text);
            }
        });

        LedgerEntry entry = await FinishedAsync("f-cut-oai");
        entry.Outcome.ShouldBe(LedgerOutcome.CutOff);
        entry.OutputTokens.ShouldBe(Cascade.TokenCounter.Default.Count(received.ToString()));
        long full = Cascade.TokenCounter.Default.Count("Standard delivery takes 3-5 business days and is free on orders over $50; express delivery takes 1-2 business days for $9.99.");
        entry.OutputTokens.ShouldBeLessThanOrEqualTo(full / 2);
    }

    [Fact]
    public async Task StreamCut_WithoutStreaming_SendsHalfABody_AndBillsNoOutput()
    {
        using IDisposable scope = TestHeaders.Scope(("x-sim-fault", "cut"), ("x-request-id", "f-cut-body"));

        await Should.ThrowAsync<Exception>(() => _server.OpenAI().GetResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken));

        LedgerEntry entry = await FinishedAsync("f-cut-body");
        entry.Outcome.ShouldBe(LedgerOutcome.CutOff);
        entry.Billed.ShouldBeTrue();
        entry.OutputTokens.ShouldBe(0);
    }

    [Fact]
    public async Task EmptyAnswer_IsWellFormedWithNoContent()
    {
        using IDisposable scope = TestHeaders.Scope(("x-sim-fault", "empty"), ("x-cascade-request-id", "f-empty"));

        ChatResponse anthropic = await _server.Anthropic().GetResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken);
        ChatResponse openai = await _server.OpenAI().GetResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken);

        anthropic.Text.ShouldBeEmpty();
        openai.Text.ShouldBeEmpty();
        anthropic.Usage!.OutputTokenCount.ShouldBe(0);
        LedgerEntry entry = (await FinishedAsync("f-empty"));
        entry.Billed.ShouldBeTrue();
        entry.OutputTokens.ShouldBe(0);
    }

    [Fact]
    public async Task MalformedBody_BreaksTheJson_ForBothSdks()
    {
        using IDisposable scope = TestHeaders.Scope(("x-sim-fault", "malformed"), ("x-request-id", "f-malformed"));

        await Should.ThrowAsync<Exception>(() => _server.Anthropic().GetResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken));
        await Should.ThrowAsync<Exception>(() => _server.OpenAI().GetResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken));
        await Should.ThrowAsync<Exception>(async () =>
        {
            await foreach (ChatResponseUpdate _ in _server.OpenAI().GetStreamingResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        });
        using HttpResponseMessage raw = await RawAsync("malformed");

        raw.StatusCode.ShouldBe(HttpStatusCode.OK);
        Should.Throw<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(raw.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).Result));
    }

    [Fact]
    public async Task Refusal_UsesEachApisRefusalShape()
    {
        using IDisposable scope = TestHeaders.Scope(("x-sim-fault", "refusal"));

        ChatResponse anthropic = await _server.Anthropic().GetResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken);
        using HttpResponseMessage rawAnthropic = await RawAsync("refusal");
        using var openAiRequest = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        openAiRequest.Headers.Add("Authorization", "Bearer k");
        openAiRequest.Headers.Add("x-sim-fault", "refusal");
        using HttpResponseMessage rawOpenAI = await _server.Http.SendAsync(openAiRequest, TestContext.Current.CancellationToken);

        anthropic.Text.ShouldContain("can't help");
        (await rawAnthropic.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"stop_reason\":\"refusal\"");
        string openAiBody = await rawOpenAI.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        openAiBody.ShouldContain("\"content\":null");
        openAiBody.ShouldContain("\"refusal\":\"I");
    }

    [Theory]
    [InlineData("empty", "end_turn", "message_start,message_delta,message_stop")]
    [InlineData("refusal", "refusal", "message_start,content_block_start,ping,content_block_delta,content_block_stop,message_delta,message_stop")]
    public async Task EmptyAndRefusal_StreamTheApisEventSequence(string fault, string stopReason, string sequence)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent("""{"model":"claude-haiku-4-5-20251001","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", "raw");
        request.Headers.Add("x-sim-fault", fault);
        using HttpResponseMessage response = await _server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var events = new List<Cascade.Protocol.Sse.SseEvent<Cascade.Protocol.Anthropic.AnthropicStreamEvent>>();
        await foreach (var item in Cascade.Protocol.Sse.SseReader.ReadJsonAsync(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), Cascade.Protocol.ProtocolJsonContext.Default.AnthropicStreamEvent, TestContext.Current.CancellationToken))
        {
            events.Add(item);
        }

        string.Join(',', events.Select(e => e.EventType).Where((e, i) => i == 0 || e != "content_block_delta" || events[i - 1].EventType != "content_block_delta")).ShouldBe(sequence);
        events.Single(e => e.EventType == "message_delta").Data.Delta!.StopReason.ShouldBe(stopReason);
    }

    [Fact]
    public async Task UnknownFault_Is400_NamingTheHeader()
    {
        using HttpResponseMessage response = await RawAsync("explode");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Cascade.Protocol.Anthropic.AnthropicErrorResponse error = System.Text.Json.JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), Cascade.Protocol.ProtocolJsonContext.Default.AnthropicErrorResponse)!;
        error.Error.Message.ShouldStartWith("x-sim-fault: unknown fault mode 'explode'");
    }

    [Fact]
    public async Task AdminFault_DisablesAModel_UntilCleared()
    {
        using HttpRequestMessage set = Admin(HttpMethod.Put, "/admin/faults/" + SimulatorServer.Sonnet, JsonContent.Create(new { fault = "529;retry-after=3" }));
        using HttpResponseMessage setResponse = await _server.Http.SendAsync(set, TestContext.Current.CancellationToken);
        setResponse.StatusCode.ShouldBe(HttpStatusCode.OK);

        await Should.ThrowAsync<AnthropicOverloadedException>(() => _server.Anthropic(SimulatorServer.Sonnet).GetResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken));
        (await _server.Anthropic(SimulatorServer.Opus).GetResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken)).Text.ShouldNotBeEmpty();
        using HttpResponseMessage list = await _server.Http.SendAsync(Admin(HttpMethod.Get, "/admin/faults"), TestContext.Current.CancellationToken);
        (await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("529;retry-after=3");

        using HttpResponseMessage clear = await _server.Http.SendAsync(Admin(HttpMethod.Delete, "/admin/faults/" + SimulatorServer.Sonnet), TestContext.Current.CancellationToken);
        clear.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _server.Anthropic(SimulatorServer.Sonnet).GetResponseAsync(Question, cancellationToken: TestContext.Current.CancellationToken)).Text.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AdminFault_WithRate_HitsAnEvenShare()
    {
        using HttpResponseMessage set = await _server.Http.SendAsync(Admin(HttpMethod.Put, "/admin/faults/gpt-4o", JsonContent.Create(new { fault = "500;rate=0.25" })), TestContext.Current.CancellationToken);
        set.StatusCode.ShouldBe(HttpStatusCode.OK);
        var statuses = new List<int>();
        for (int i = 0; i < 8; i++)
        {
            try
            {
                await _server.OpenAI("gpt-4o").GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken);
                statuses.Add(200);
            }
            catch (ClientResultException ex)
            {
                statuses.Add(ex.Status);
            }
        }

        await _server.Http.SendAsync(Admin(HttpMethod.Delete, "/admin/faults"), TestContext.Current.CancellationToken);
        statuses.ShouldBe([200, 200, 200, 500, 200, 200, 200, 500]);
    }

    [Theory]
    [InlineData("{\"fault\":\"boom\"}", 400)]
    [InlineData("{\"fault\":\"429;retry-after=x\"}", 400)]
    public async Task AdminFault_RejectsBadSpecs_WithProblemDetails(string body, int status)
    {
        using HttpResponseMessage response = await _server.Http.SendAsync(Admin(HttpMethod.Put, "/admin/faults/gpt-4o", new StringContent(body, Encoding.UTF8, "application/json")), TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task AdminFault_UnknownModel_Is404()
    {
        using HttpResponseMessage response = await _server.Http.SendAsync(Admin(HttpMethod.Put, "/admin/faults/nope", JsonContent.Create(new { fault = "500" })), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admin_RequiresTheAdminKey()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/faults");
        request.Headers.Add("x-admin-key", "wrong");

        using HttpResponseMessage response = await _server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpResponseMessage> RawAsync(string fault)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent("""{"model":"claude-haiku-4-5-20251001","max_tokens":100,"messages":[{"role":"user","content":"How long does standard delivery take?"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", "raw");
        request.Headers.Add("x-sim-fault", fault);
        return await _server.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static HttpRequestMessage Admin(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("x-admin-key", SimulatorServer.AdminKey);
        return request;
    }

    private async Task<LedgerEntry> FinishedAsync(string requestId)
    {
        LedgerEntry entry = _server.Ledger.ForRequest(requestId)[0];
        await entry.Completion.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return entry;
    }

    private async Task ShouldBeUnbilledAsync(string requestId, LedgerOutcome outcome, int status)
    {
        LedgerEntry entry = await FinishedAsync(requestId);
        entry.Outcome.ShouldBe(outcome);
        entry.Status.ShouldBe(status);
        entry.Billed.ShouldBeFalse();
        entry.InputTokens.ShouldBe(0);
        entry.OutputTokens.ShouldBe(0);
    }

    public sealed class Server : IDisposable
    {
        public SimulatorServer Instance { get; } = new();

        public void Dispose() => Instance.Dispose();
    }
}
