using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cascade.Router.Tests;

public sealed class RouterRedisHostTests
{
    [Fact]
    public async Task TwoRouters_ShareKeys_AndHealthReportsDegradedWhileRedisIsDown()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        string prefix = $"test:{Guid.NewGuid():N}:";
        var settings = new Dictionary<string, string?> { ["Router:RedisPrefix"] = prefix };
        await using var a = new RouterFactory(server.ConnectionString, settings);
        await using var b = new RouterFactory(server.ConnectionString, settings);
        CreatedApiKey key = (await (await a.CreateAdminClient().PostAsJsonAsync("/admin/keys", new { name = "shared" })).Content.ReadFromJsonAsync<CreatedApiKey>())!;
        using HttpClient client = b.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);

        (await client.GetAsync("/v1/key")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await HealthAsync(b)).ShouldBe("Healthy");

        await server.StopAsync();
        await RedisOutage.WaitUntilDisconnectedAsync(b.Services.GetRequiredService<IConnectionMultiplexer>());

        (await HealthAsync(b)).ShouldBe("Degraded");
        (await client.GetAsync("/v1/key")).StatusCode.ShouldBe(HttpStatusCode.OK, "a key this replica has seen keeps working");
        HttpResponseMessage create = await b.CreateAdminClient().PostAsJsonAsync("/admin/keys", new { name = "during outage" });
        create.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        await server.RestartAsync();
        await RedisOutage.WaitUntilReconnectedAsync(b.Services.GetRequiredService<IConnectionMultiplexer>());
        b.Clock.Advance(TimeSpan.FromSeconds(2));
        (await HealthAsync(b)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Router_WithoutRedis_ReportsInMemoryState()
    {
        await using var router = new RouterFactory();
        using JsonDocument health = JsonDocument.Parse(await router.CreateClient().GetStringAsync("/health"));

        health.RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
        health.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("description").GetString()!.ShouldContain("in memory");
        router.Services.GetRequiredService<ICascadeStateStore>().ShouldBeOfType<InMemoryCascadeStateStore>();
    }

    [Fact]
    public async Task Router_RefusesToStartWithInvalidOptions_ListingEveryError()
    {
        OptionsValidationException error = await Should.ThrowAsync<OptionsValidationException>(() => StartAsync(new()
        {
            ["Router:AdminKey"] = "short",
            ["Router:DefaultRequestCeiling"] = "0",
            ["Router:OfflineAllowanceShare"] = "2",
        }));

        error.Failures.Count().ShouldBe(3);
        error.Message.ShouldContain("Router:AdminKey");
        error.Message.ShouldContain("Router:DefaultRequestCeiling");
        error.Message.ShouldContain("Router:OfflineAllowanceShare");
    }

    [Fact]
    public async Task Router_RefusesToStartWithAnInvalidCascade_ListingEveryError()
    {
        Exception error = await Should.ThrowAsync<Exception>(() => StartAsync(new()
        {
            ["Cascade:Providers:anthropic:ApiKey"] = "unused",
            ["Cascade:Tiers:0:Kind"] = "carrier-pigeon",
            ["Cascade:Tiers:1:Deployments:0:Model"] = "",
        }));

        error.Message.ShouldContain("carrier-pigeon");
        error.Message.ShouldContain("Cascade:Tiers:1");
    }

    [Fact]
    public async Task Router_RefusesToStartWhenALadderCannotBeBuilt_SayingWhatIsMissing()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") is { Length: > 0 }, "ANTHROPIC_API_KEY is set, so the ladder has a key.");
        InvalidOperationException error = await Should.ThrowAsync<InvalidOperationException>(() => StartAsync(new()));

        error.Message.ShouldContain("ANTHROPIC_API_KEY");
    }

    /// <summary>Starts the router's services as Program does, on the default configuration plus <paramref name="settings"/>.</summary>
    private static async Task StartAsync(Dictionary<string, string?> settings)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = Directory.CreateTempSubdirectory("cascade-router").FullName,
            EnvironmentName = "Testing",
        });
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "router.appsettings.json"), optional: false);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        builder.AddRouterServices();
        await using WebApplication app = builder.Build();
        app.MapRouterApi();
        await app.StartAsync();
        await app.StopAsync();
    }

    private static async Task<string> HealthAsync(RouterFactory router)
    {
        HttpResponseMessage response = await router.CreateClient().GetAsync("/health");
        using JsonDocument health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return health.RootElement.GetProperty("status").GetString()!;
    }
}
