using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.AppHost.Tests.Redis;

/// <summary>
/// Redis stopped and started again by the AppHost (as from the dashboard's Stop and Start), and the router restarted so no
/// state is left in its memory: a key created before still works and its spend is what it was.
/// </summary>
public sealed class RedisRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task RedisRestart_KeepsKeysAndSpend()
    {
        await using CascadeApp app = await CascadeApp.StartAsync(Token);
        using HttpClient router = app.App.CreateHttpClient("router");
        string secret = await CreateKeyAsync(router, app.RouterAdminKey);
        (await AskAsync(router, secret)).ShouldBe(200);
        JsonNode spendBefore = await SpendAsync(router, secret);
        ((decimal)spendBefore["monthlyCommitted"]!).ShouldBeGreaterThan(0m, spendBefore.ToJsonString());

        ResourceCommandService commands = app.App.Services.GetRequiredService<ResourceCommandService>();
        (await commands.ExecuteCommandAsync("redis", KnownResourceCommands.StopCommand, Token)).Success.ShouldBeTrue();
        await app.App.ResourceNotifications.WaitForResourceAsync("redis", [KnownResourceStates.Exited, KnownResourceStates.Finished], Token).WaitAsync(Patience, Token);
        (await commands.ExecuteCommandAsync("redis", KnownResourceCommands.StartCommand, Token)).Success.ShouldBeTrue();
        await app.App.ResourceNotifications.WaitForResourceHealthyAsync("redis", Token).WaitAsync(Patience, Token);
        (await commands.ExecuteCommandAsync("router", KnownResourceCommands.RestartCommand, Token)).Success.ShouldBeTrue();
        await app.App.ResourceNotifications.WaitForResourceHealthyAsync("router", Token).WaitAsync(Patience, Token);

        using HttpClient restarted = app.App.CreateHttpClient("router");
        await WaitForRedisAsync(restarted);
        JsonNode spendAfter = await SpendAsync(restarted, secret);
        spendAfter.ToJsonString().ShouldBe(spendBefore.ToJsonString());
        (await AskAsync(restarted, secret)).ShouldBe(200);
    }

    private static async Task<string> CreateKeyAsync(HttpClient router, string adminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/keys") { Content = JsonContent.Create(new { name = "restart-test" }) };
        request.Headers.Add("x-admin-key", adminKey);
        using HttpResponseMessage response = await router.SendAsync(request, Token);
        string body = await response.Content.ReadAsStringAsync(Token);
        ((int)response.StatusCode).ShouldBe(201, body);
        return JsonNode.Parse(body)!["secret"]!.GetValue<string>();
    }

    private static async Task<int> AskAsync(HttpClient router, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = "cascade", messages = new[] { new { role = "user", content = "How do returns work?" } } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using HttpResponseMessage response = await router.SendAsync(request, Token);
        return (int)response.StatusCode;
    }

    private static async Task<JsonNode> SpendAsync(HttpClient router, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/key");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using HttpResponseMessage response = await router.SendAsync(request, Token);
        string body = await response.Content.ReadAsStringAsync(Token);
        ((int)response.StatusCode).ShouldBe(200, body);
        return JsonNode.Parse(body)!["spend"]!;
    }

    // The router reports Redis Degraded (still HTTP 200) until it has reconnected; the spend must be read from Redis.
    private static async Task WaitForRedisAsync(HttpClient router)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Token);
        patience.CancelAfter(Patience);
        while (true)
        {
            using HttpResponseMessage health = await router.GetAsync("/health", patience.Token);
            using JsonDocument report = JsonDocument.Parse(await health.Content.ReadAsStringAsync(patience.Token));
            if (report.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString() == "Healthy")
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), patience.Token);
        }
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
