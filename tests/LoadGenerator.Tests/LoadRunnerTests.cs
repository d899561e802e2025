using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cascade.LoadGenerator.Tests;

public sealed class LoadRunnerTests
{
    [Fact]
    public async Task RunAsync_SendsExactlyTheRequestCount_AndCountsFailures()
    {
        int seen = 0;
        string? lastBody = null;
        string? lastKey = null;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using WebApplication app = builder.Build();
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            lastKey = context.Request.Headers.Authorization.ToString();
            lastBody = await new StreamReader(context.Request.Body).ReadToEndAsync();
            return Interlocked.Increment(ref seen) % 4 == 0 ? Results.StatusCode(429) : Results.Text("{}", "application/json");
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        LoadResult result = await LoadRunner.RunAsync(LoadOptions.Parse(["--url", url, "--requests", "40", "--concurrency", "3", "--key", "secret"]), TestContext.Current.CancellationToken);

        seen.ShouldBe(40);
        result.Requests.ShouldBe(40);
        result.Succeeded.ShouldBe(30);
        result.Failures["HTTP 429"].ShouldBe(10);
        result.LatenciesMs.Length.ShouldBe(30);
        result.LatenciesMs.ShouldBe(result.LatenciesMs.Order().ToArray());
        lastKey.ShouldBe("Bearer secret");
        lastBody.ShouldBe("""{"model":"gpt-4o-mini","max_tokens":64,"messages":[{"role":"user","content":"How long does standard delivery take?"}]}""");
        result.Format(LoadOptions.Parse(["--url", url])).ShouldContain("failed      10 x HTTP 429");
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
