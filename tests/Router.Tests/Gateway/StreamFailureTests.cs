extern alias simulator;

using System.Text.Json;
using Anthropic.Exceptions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpenAI.Chat;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;
using simulator::Cascade.Simulator.Faults;

namespace Cascade.Router.Tests;

/// <summary>A stream that fails after output reached the caller ends as an error the official clients see, never as a normal finish.</summary>
public sealed class StreamFailureTests
{
    public static TheoryData<string> Faults => new() { "cut;after=6", "malformed;after=6" };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task OpenAIClient_StreamThatFailsAfterOutput_EndsAbnormally_WithoutAFinishReason(string fault)
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();
        simulator.Faults.Set(SimulatorHost.Opus, Fault(fault));
        ChatClient client = OpenAIEndpointTests.Client(router, key.Secret, "opus");
        List<StreamingChatCompletionUpdate> updates = [];

        Exception error = await Should.ThrowAsync<Exception>(async () =>
        {
            await foreach (StreamingChatCompletionUpdate update in client.CompleteChatStreamingAsync([new UserChatMessage("What is your return policy?")]))
            {
                updates.Add(update);
            }
        });

        updates.SelectMany(u => u.ContentUpdate).ShouldNotBeEmpty("output had reached the caller");
        updates.ShouldAllBe(u => u.FinishReason == null, $"the stream ended with {error.GetType().Name}, never a finish reason");
        await ShouldHaveRecordedTheBilledPartialAsync(simulator, router);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task AnthropicClient_StreamThatFailsAfterOutput_RaisesTheErrorEvent(string fault)
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();
        simulator.Faults.Set(SimulatorHost.Haiku, Fault(fault));
        IChatClient client = AnthropicEndpointTests.Client(router, key.Secret, "haiku");
        List<ChatResponseUpdate> updates = [];

        AnthropicException error = await Should.ThrowAsync<AnthropicException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "What is your return policy?")]))
            {
                updates.Add(update);
            }
        });

        error.Message.ShouldContain("incomplete");
        updates.ToChatResponse().Text.ShouldNotBeNullOrEmpty("output had reached the caller");
        updates.ShouldAllBe(u => u.FinishReason == null);
        await ShouldHaveRecordedTheBilledPartialAsync(simulator, router);
    }

    [Fact]
    public async Task RawOpenAIStream_EndsWithAnErrorEvent_AndNoDoneMarkerOrUsageChunk()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();
        simulator.Faults.Set(SimulatorHost.Opus, Fault("cut;after=6"));
        using HttpClient http = router.CreateHttpClient(key.Secret);

        List<string> events = await ReadEventsAsync(http, "/v1/chat/completions",
            """{"model":"opus","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"What is your return policy?"}]}""");

        events.ShouldNotContain("data: [DONE]");
        events.Count.ShouldBeGreaterThan(2);
        using JsonDocument last = JsonDocument.Parse(events[^1]["data: ".Length..]);
        last.RootElement.GetProperty("error").GetProperty("code").GetString().ShouldBe("upstream_stream_interrupted");
        foreach (string chunk in events.SkipLast(1))
        {
            using JsonDocument json = JsonDocument.Parse(chunk["data: ".Length..]);
            JsonElement choice = json.RootElement.GetProperty("choices")[0];
            (choice.TryGetProperty("finish_reason", out JsonElement finish) ? finish.ValueKind : JsonValueKind.Null).ShouldBe(JsonValueKind.Null);
            json.RootElement.TryGetProperty("usage", out _).ShouldBeFalse();
        }
    }

    [Fact]
    public async Task RawAnthropicStream_EndsWithAnErrorEvent_AndNoMessageStop()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();
        simulator.Faults.Set(SimulatorHost.Haiku, Fault("malformed;after=6"));
        using HttpClient http = router.CreateHttpClient(key.Secret);

        List<string> events = await ReadEventsAsync(http, "/v1/messages",
            """{"model":"haiku","max_tokens":300,"stream":true,"messages":[{"role":"user","content":"What is your return policy?"}]}""");

        events.ShouldContain(e => e.StartsWith("event: content_block_delta", StringComparison.Ordinal));
        events.ShouldNotContain(e => e.StartsWith("event: message_stop", StringComparison.Ordinal) || e.StartsWith("event: message_delta", StringComparison.Ordinal));
        events[^1].ShouldStartWith("event: error");
        events[^1].ShouldContain("\"api_error\"");
    }

    [Fact]
    public async Task StalledStream_EndsWithTheErrorOnceTheStreamIdleTimeoutPasses()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator);
        CreatedApiKey key = await router.CreateKeyAsync();
        simulator.Faults.Set(SimulatorHost.Haiku, Fault("stall;after=6"));
        IChatClient client = AnthropicEndpointTests.Client(router, key.Secret, "haiku");
        List<ChatResponseUpdate> updates = [];
        using var firstText = new SemaphoreSlim(0);

        Task reading = Task.Run(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "What is your return policy?")]))
            {
                updates.Add(update);
                if (update.Text.Length > 0 && updates.Count(u => u.Text.Length > 0) == 1)
                {
                    firstText.Release();
                }
            }
        });
        (await firstText.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue("the answer started");

        // The router's clock drives its idle timer: move it on until the held stream is given up.
        while (!reading.IsCompleted)
        {
            router.Clock.Advance(TimeSpan.FromSeconds(31));
            await Task.WhenAny(reading, Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System));
        }

        (await Should.ThrowAsync<AnthropicException>(reading)).Message.ShouldContain("incomplete");
        updates.ShouldAllBe(u => u.FinishReason == null);
        await ShouldHaveRecordedTheBilledPartialAsync(simulator, router);
        AttemptRecord attempt = (await BilledAsync(router)).Single();
        attempt.Failure.ShouldBe(FailureCause.TimeoutAfterAcceptance);
    }

    private static async Task ShouldHaveRecordedTheBilledPartialAsync(SimulatorHost simulator, RouterFactory router)
    {
        AttemptRecord attempt = (await BilledAsync(router)).Single();
        attempt.Outcome.ShouldBe(AttemptOutcome.Failed);
        attempt.Usage.OutputTokens.ShouldBeGreaterThan(0);
        attempt.Cost.ShouldBeGreaterThan(0m);
        await GatewayAssertions.ShouldMatchTheSimulatorLedgerAsync(simulator, router);
        FakeLogCollector logs = router.Services.GetFakeLogCollector();
        logs.GetSnapshot().ShouldContain(r => r.Level == LogLevel.Warning && r.Message.Contains("after output reached the caller"));
    }

    private static async Task<IReadOnlyList<AttemptRecord>> BilledAsync(RouterFactory router) =>
        (await router.Services.GetRequiredService<ICascadeStateStore>().GetRecentAttemptsAsync(100)).Where(a => a.Billed).ToArray();

    /// <summary>Reads SSE events until the connection ends, normally or not.</summary>
    private static async Task<List<string>> ReadEventsAsync(HttpClient http, string path, string json)
    {
        using HttpRequestMessage request = new(HttpMethod.Post, path) { Content = OpenAIEndpointTests.Json(json) };
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        List<string> events = [];
        var current = new List<string>();
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.Length == 0)
                {
                    if (current.Count > 0)
                    {
                        events.Add(string.Join('\n', current));
                        current.Clear();
                    }

                    continue;
                }

                current.Add(line);
            }
        }
        catch (IOException)
        {
            // The router aborts the connection after the error event.
        }

        if (current.Count > 0)
        {
            events.Add(string.Join('\n', current));
        }

        return events;
    }

    private static FaultSpec Fault(string text) =>
        FaultSpec.TryParse(text, out FaultSpec? spec, out string? error) ? spec : throw new ArgumentException(error);
}
