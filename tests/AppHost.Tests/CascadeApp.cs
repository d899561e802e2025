using System.Net.Http.Json;
using Cascade.Testing.Integration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cascade.AppHost.Tests;

/// <summary>
/// The real AppHost (<c>AppHost/Program.cs</c>) started through <c>Aspire.Hosting.Testing</c>, with the dashboard on, its
/// ports randomized, Redis's data in a folder of its own and the secrets given, so a run touches nothing of a developer's.
/// </summary>
public sealed class CascadeApp : IAsyncDisposable
{
    /// <summary>The resources that run a process, each awaited until healthy.</summary>
    public static readonly string[] ProcessResources = ["redis", "simulator", "verifier", "router", "support-chat"];

    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(4);

    private CascadeApp(DistributedApplication app, string dataDirectory, Uri dashboard)
    {
        App = app;
        DataDirectory = dataDirectory;
        Dashboard = dashboard;
    }

    /// <summary>Gets the router API key the run was given.</summary>
    public required string RouterApiKey { get; init; }

    /// <summary>Gets the router admin key the run was given.</summary>
    public required string RouterAdminKey { get; init; }

    /// <summary>Gets the dashboard's login token, as the AppHost settled it.</summary>
    public string BrowserToken => App.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["AppHost:BrowserToken"] ?? "";

    /// <summary>Gets the simulator admin key the run was given.</summary>
    public required string SimulatorAdminKey { get; init; }

    /// <summary>Gets the running application.</summary>
    public DistributedApplication App { get; }

    /// <summary>Gets the folder Redis keeps its data in.</summary>
    public string DataDirectory { get; }

    /// <summary>Gets the dashboard's address.</summary>
    public Uri Dashboard { get; }

    /// <summary>Gets the router's base address.</summary>
    public Uri Router => App.GetEndpoint("router", "http");

    /// <summary>Starts the AppHost and waits until every process resource is healthy.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="configure">Changes the app model before it is built (for example where telemetry goes).</param>
    public static async Task<CascadeApp> StartAsync(CancellationToken cancellationToken, Action<IDistributedApplicationTestingBuilder>? configure = null)
    {
        IntegrationRequirements.RedisServer();
        string data = Directory.CreateTempSubdirectory("cascade-apphost-redis-").FullName;
        int dashboardPort = LoopbackPort.GetFree();
        int otlpPort = LoopbackPort.GetFree();
        int resourceServicePort = LoopbackPort.GetFree();
        var keys = (Api: "csk_test_" + Guid.NewGuid().ToString("N"), Admin: "adm_test_" + Guid.NewGuid().ToString("N"), Simulator: "ssk_test_" + Guid.NewGuid().ToString("N"));
        string[] args =
        [
            $"--AppHost:RedisDataDirectory={data}",
            $"--Parameters:router-api-key={keys.Api}",
            $"--Parameters:router-admin-key={keys.Admin}",
            $"--Parameters:verifier-service-key=vsk_test_{Guid.NewGuid():N}",
            $"--Parameters:simulator-admin-key={keys.Simulator}",
            $"--Parameters:redis-password=rp{Guid.NewGuid():N}",
            "--DcpPublisher:RandomizePorts=true",
            $"--ASPNETCORE_URLS=http://localhost:{dashboardPort}",
            $"--ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://localhost:{otlpPort}",
            $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:{resourceServicePort}",
            "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
        ];

        IDistributedApplicationTestingBuilder builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Cascade_AppHost>(
            args,
            (options, _) => options.DisableDashboard = false,
            cancellationToken);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        configure?.Invoke(builder);

        DistributedApplication app = await builder.BuildAsync(cancellationToken);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(StartPatience);
        try
        {
            await app.StartAsync(patience.Token);
            foreach (string resource in ProcessResources)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, patience.Token);
            }
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        Uri dashboard = DashboardAddress(app) ?? new Uri($"http://localhost:{dashboardPort}");
        return new CascadeApp(app, data, dashboard) { RouterApiKey = keys.Api, RouterAdminKey = keys.Admin, SimulatorAdminKey = keys.Simulator };
    }

    // The dashboard's endpoint as allocated (the testing builder may move it off the configured port).
    private static Uri? DashboardAddress(DistributedApplication app)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        return model.Resources.FirstOrDefault(r => r.Name == RunSummaryBuilderExtensions.DashboardResourceName) is IResourceWithEndpoints dashboard
            && dashboard.GetEndpoints().FirstOrDefault(e => e.IsAllocated && e.Scheme is "http" or "https" && !e.EndpointName.Contains("otlp", StringComparison.OrdinalIgnoreCase)) is { } endpoint
            ? new Uri(endpoint.Url)
            : null;
    }

    /// <summary>
    /// Asks the router one question through its OpenAI-compatible endpoint with this run's key, fails the test when it is not
    /// answered, and returns the router's request id.
    /// </summary>
    public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
    {
        using HttpClient router = App.CreateHttpClient("router");
        router.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", RouterApiKey);
        using HttpResponseMessage response = await router.PostAsJsonAsync(
            "/v1/chat/completions", new { model = "cascade", messages = new[] { new { role = "user", content = question } } }, cancellationToken);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync(cancellationToken));
        return response.Headers.GetValues("x-cascade-request-id").Single();
    }

    /// <summary>Stops every resource and removes Redis's data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // redis-server may still be flushing its last write; the folder is a temporary one.
        }
    }
}
