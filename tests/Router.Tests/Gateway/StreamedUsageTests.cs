using System.Text.Json;
using Cascade.Tests.Failures;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Router.Tests;

/// <summary>A streamed answer carries, and the router records, the provider's own usage event.</summary>
public sealed class StreamedUsageTests
{
    [Theory]
    [InlineData("/v1/chat/completions", "opus")]
    [InlineData("/v1/messages", "haiku")]
    public async Task StreamedAnswer_RecordsAndReportsTheUpstreamsUsage_NotAnEstimate(string path, string tier)
    {
        // 111 / 222 is far from what a tokenizer counts for this prompt and these two chunks.
        await using FakeProviderServer upstream = await FakeProviderServer.StartAsync(FakeProviderServer.Chunks(111, 222, "We ship", " on weekdays."));
        await using RouterFactory router = new(settings: new Dictionary<string, string?>
        {
            ["Cascade:Providers:anthropic:Endpoint"] = upstream.Url,
            ["Cascade:Providers:openai:Endpoint"] = upstream.Url + "/v1",
            ["Cascade:Tiers:0:Name"] = "haiku",
            ["Cascade:Tiers:0:Kind"] = "anthropic",
            ["Cascade:Tiers:0:Deployments:0:Model"] = "claude-haiku-4-5-20251001",
            ["Cascade:Tiers:1:Name"] = "sonnet",
            ["Cascade:Tiers:1:Kind"] = "anthropic",
            ["Cascade:Tiers:1:Deployments:0:Model"] = "claude-sonnet-4-6",
            ["Cascade:Tiers:2:Name"] = "opus",
            ["Cascade:Tiers:2:Kind"] = "openai",
            ["Cascade:Tiers:2:Deployments:0:Model"] = "gpt-4o",
        });
        CreatedApiKey key = await router.CreateKeyAsync();
        using HttpClient http = router.CreateHttpClient(key.Secret);

        using HttpResponseMessage response = await http.PostAsync(path, OpenAIEndpointTests.Json(
            $$"""{"model":"{{tier}}","max_tokens":100,"stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"When do you ship?"}]}"""));
        string[] events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        AttemptRecord attempt = (await router.Services.GetRequiredService<ICascadeStateStore>().GetRecentAttemptsAsync(10)).ShouldHaveSingleItem();
        attempt.Usage.IsEstimated.ShouldBeFalse();
        attempt.Usage.TotalInputTokens.ShouldBe(111);
        attempt.Usage.OutputTokens.ShouldBe(222);
        string usageEvent = path.EndsWith("messages", StringComparison.Ordinal)
            ? events.Single(e => e.StartsWith("event: message_delta", StringComparison.Ordinal))
            : events[^2];
        using JsonDocument json = JsonDocument.Parse(usageEvent[(usageEvent.IndexOf("data: ", StringComparison.Ordinal) + 6)..]);
        JsonElement usage = json.RootElement.GetProperty("usage");
        (usage.TryGetProperty("prompt_tokens", out JsonElement prompt) ? prompt : usage.GetProperty("input_tokens")).GetInt64().ShouldBe(111);
        (usage.TryGetProperty("completion_tokens", out JsonElement completion) ? completion : usage.GetProperty("output_tokens")).GetInt64().ShouldBe(222);
    }
}
