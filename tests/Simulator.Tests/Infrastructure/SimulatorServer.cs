using System.Net;
using Anthropic;
using Cascade.Simulator.Billing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using System.ClientModel;
using System.ClientModel.Primitives;

namespace Cascade.Simulator.Tests.Infrastructure;

/// <summary>
/// The simulator on a real Kestrel bound to 127.0.0.1 port 0, with test settings: no latency (unless a time
/// provider is given), the tiny replay fixture, an admin key and a model with a tiny context window.
/// </summary>
public sealed class SimulatorServer : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key";
    public const string Haiku = "claude-haiku-4-5-20251001";
    public const string Sonnet = "claude-sonnet-4-6";
    public const string Opus = "claude-opus-4-7";
    public const string Mini = "gpt-4o-mini";
    public const string Tiny = "tiny-context";

    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;

    public SimulatorServer(TimeProvider? time = null, IDictionary<string, string?>? settings = null)
    {
        _time = time;
        _settings = new Dictionary<string, string?>
        {
            ["Simulator:AdminKey"] = AdminKey,
            ["Simulator:LatencyScale"] = time is null ? "0" : "1",
            ["Simulator:Replay:Path"] = Path.Combine(AppContext.BaseDirectory, "Fixtures", "recorded"),
            [$"Simulator:Models:{Tiny}:Capability"] = "0.3",
            [$"Simulator:Models:{Tiny}:ContextWindow"] = "20",
            [$"Simulator:Models:{Tiny}:MaxOutputTokens"] = "100",
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        string address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.TrimEnd('/');
        Http = new HttpClient(new TestHeaders.Handler()) { BaseAddress = new Uri(BaseUrl) };
        _sdkHttp = new HttpClient(new TestHeaders.Handler()) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private readonly HttpClient _sdkHttp;

    /// <summary>Gets the server's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Gets a plain client for raw HTTP.</summary>
    public HttpClient Http { get; }

    public BillingLedger Ledger => Services.GetRequiredService<BillingLedger>();

    /// <summary>
    /// Waits until every call in the ledger has ended. A client can read the last byte of an answer a moment before
    /// the server books the output it just flushed, so tests settle before reading totals.
    /// </summary>
    public Task SettleAsync() => Task.WhenAll(Ledger.Entries.Select(e => e.Completion)).WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Creates an MEAI chat client through the official Anthropic SDK, retries off.</summary>
    public IChatClient Anthropic(string model = Haiku, string key = "test-key", int maxOutputTokens = 256) =>
        new AnthropicClient { ApiKey = key, BaseUrl = BaseUrl, MaxRetries = 0, HttpClient = _sdkHttp }.AsIChatClient(model, defaultMaxOutputTokens: maxOutputTokens);

    /// <summary>Creates an MEAI chat client through the official OpenAI SDK, retries off.</summary>
    public IChatClient OpenAI(string model = Mini, string key = "test-key") =>
        new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(BaseUrl + "/v1"), RetryPolicy = new ClientRetryPolicy(0), Transport = new HttpClientPipelineTransport(_sdkHttp), NetworkTimeout = Timeout.InfiniteTimeSpan })
            .GetChatClient(model).AsIChatClient();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach ((string key, string? value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_time is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(_time));
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Http.Dispose();
            _sdkHttp.Dispose();
        }

        base.Dispose(disposing);
    }
}
