extern alias simulator;

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using simulator::Cascade.Simulator;
using simulator::Cascade.Simulator.Billing;
using simulator::Cascade.Simulator.Faults;

namespace Cascade.Router.Tests;

/// <summary>The model simulator hosted in-process on Kestrel, 127.0.0.1 and a free port, with no added latency.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    /// <summary>The simulated models the router's test ladder uses.</summary>
    public const string Haiku = "claude-haiku-4-5-20251001";

    /// <summary>The middle tier's model.</summary>
    public const string Sonnet = "claude-sonnet-4-6";

    /// <summary>The top tier's model, served through the OpenAI-compatible API.</summary>
    public const string Opus = "claude-opus-4-7";

    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Gets the simulator's address, without <c>/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Gets the simulator's own billing ledger: what it would invoice.</summary>
    public BillingLedger Ledger => _app.Services.GetRequiredService<BillingLedger>();

    /// <summary>Gets the standing faults.</summary>
    public FaultRegistry Faults => _app.Services.GetRequiredService<FaultRegistry>();

    /// <summary>Starts a simulator.</summary>
    /// <param name="latencyScale">The latency multiplier; 0 answers at once.</param>
    /// <param name="overrides">Simulator settings that replace the defaults (a model's context window, say).</param>
    public static async Task<SimulatorHost> StartAsync(double latencyScale = 0, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorServiceCollectionExtensions).Assembly.GetName().Name,
            ContentRootPath = Directory.CreateTempSubdirectory("cascade-sim").FullName,
            EnvironmentName = "Testing",
        });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        Dictionary<string, string?> settings = new()
        {
            ["Simulator:AdminKey"] = "sim-admin-key",
            ["Simulator:LatencyScale"] = latencyScale.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Simulator:Seed"] = "7",
            ["Simulator:Replay:Enabled"] = "false",
        };
        foreach ((string model, double capability) in new[] { (Haiku, 0.45), (Sonnet, 0.7), (Opus, 0.9) })
        {
            settings[$"Simulator:Models:{model}:Capability"] = capability.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"Simulator:Models:{model}:ContextWindow"] = "200000";
            settings[$"Simulator:Models:{model}:TimeToFirstTokenMs"] = "200";
            settings[$"Simulator:Models:{model}:TokensPerSecond"] = "100";
        }

        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSimulator();
        WebApplication app = builder.Build();
        app.MapSimulatorApi();
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHost(app, new Uri(address));
    }

    /// <summary>Gets the billed calls of the ledger as (model, input tokens, output tokens), sorted.</summary>
    public IReadOnlyList<(string Model, long Input, long Output)> BilledCalls() =>
        Ledger.Entries.Where(e => e.Billed).Select(e => (e.Model, e.InputTokens, e.OutputTokens)).Order().ToArray();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
