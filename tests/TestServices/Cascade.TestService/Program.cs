using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

// Stands in for a Cascade service under the AppHost: ServiceDefaults' health endpoints and service discovery, plus
// endpoints that show what the AppHost injected and let tests make it crash, hang its health or spawn a child.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddHttpClient("peers");

if (builder.Configuration["TestService:ExitOnStart"] is { } exitCode)
{
    Console.WriteLine("failing on purpose at start");
    return int.Parse(exitCode, System.Globalization.CultureInfo.InvariantCulture);
}

if (builder.Configuration.GetValue<bool>("TestService:Unhealthy"))
{
    builder.Services.AddHealthChecks().AddCheck("forced", () => HealthCheckResult.Unhealthy("TestService:Unhealthy is set"));
}

var app = builder.Build();
app.MapDefaultEndpoints();

app.MapGet("/info", (IConfiguration configuration) => new ServiceInfo(
    configuration["OTEL_SERVICE_NAME"] ?? "",
    Environment.ProcessId,
    Environment.GetEnvironmentVariables().Keys.Cast<string>()
        .Where(k => k.StartsWith("services__", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
            || k.StartsWith("OTEL_", StringComparison.Ordinal) || k.StartsWith("Cascade__", StringComparison.Ordinal)
            || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToDictionary(k => k, k => Environment.GetEnvironmentVariable(k) ?? "")));

// Calls another resource by name, resolved by service discovery from services__<name>__http__0.
app.MapGet("/call/{service}", async (string service, IHttpClientFactory factory, CancellationToken cancellationToken) =>
{
    using var client = factory.CreateClient("peers");
    return Results.Text(await client.GetStringAsync($"http://{service}/info", cancellationToken), "application/json");
});

app.MapGet("/redis", async (IConfiguration configuration) =>
{
    var connectionString = configuration.GetConnectionString("redis");
    if (connectionString is null)
    {
        return Results.Problem("ConnectionStrings:redis is not set", statusCode: 503);
    }

    await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString);
    var latency = await redis.GetDatabase().PingAsync();
    return Results.Text($"PONG {latency.TotalMilliseconds:0.###} ms");
});

app.MapPost("/crash", (HttpContext context) =>
{
    Console.WriteLine("crashing on request");
    context.Response.OnCompleted(() =>
    {
        Environment.Exit(42);
        return Task.CompletedTask;
    });
    return Results.Accepted();
});

// A grandchild of the AppHost, to show that stopping kills the whole tree.
app.MapPost("/child", () =>
{
    var child = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
    return Results.Ok(child.Id);
});

app.Run();
return 0;

/// <summary>What the service knows about itself.</summary>
/// <param name="Name">Its <c>OTEL_SERVICE_NAME</c>.</param>
/// <param name="ProcessId">Its process id.</param>
/// <param name="Environment">The variables an AppHost injects.</param>
internal sealed record ServiceInfo(string Name, int ProcessId, Dictionary<string, string> Environment);
