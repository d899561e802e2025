using System.Net;
using System.Net.Sockets;
using Cascade.Testing;
using Cascade.Verifier.Tests.Verification;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Verifier.Tests.Remote;

/// <summary>The remote-verifier gate of src/Tiers against a running verifier on Kestrel (127.0.0.1, port 0).</summary>
public sealed class RemoteVerifierGateServiceTests : IDisposable
{
    private readonly VerifierFactory _factory;
    private readonly string _address;

    public RemoteVerifierGateServiceTests()
    {
        _factory = new VerifierFactory();
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        _address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    [Fact]
    public async Task Gate_AcceptsThroughTheRunningVerifierAndRecordsItsCost()
    {
        using ServiceProvider services = new ServiceCollection().AddCascadeVerifierClient(_address).Services.BuildServiceProvider();
        var gate = new RemoteVerifierGate(services.GetRequiredService<IVerifierClient>());
        var ledger = new RequestLedger("req-remote-1", "support");

        GateVerdict verdict = await gate.EvaluateAsync(Context("Paris.", ledger));

        verdict.Decision.ShouldBe(GateDecision.Accept);
        verdict.Score.ShouldBe(0.875);
        verdict.Reason!.ShouldStartWith("verifier accept (0.88): judge: overall 4.5");
        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.Kind.ShouldBe(AttemptKind.Verification);
        attempt.Provider.ShouldBe("verifier");
        attempt.Model.ShouldBe("claude-haiku-4-5-20251001");
        attempt.Cost.ShouldBe(0.00125m);
        attempt.Usage.ShouldBe(new TokenUsage(1_000, 50));
        ledger.TotalCost.ShouldBe(0.00125m);
    }

    [Fact]
    public async Task Gate_RejectsWhatTheVerifierRejects()
    {
        using ServiceProvider services = new ServiceCollection().AddCascadeVerifierClient(_address).Services.BuildServiceProvider();
        var gate = new RemoteVerifierGate(services.GetRequiredService<IVerifierClient>());

        GateVerdict verdict = await gate.EvaluateAsync(Context("I think it depends.", new RequestLedger("req-remote-2")));

        verdict.Decision.ShouldBe(GateDecision.Reject);
        verdict.Reason!.ShouldContain("hedging");
        _factory.Judge.CallCount.ShouldBe(0);
    }

    [Fact]
    public async Task Gate_FindsTheVerifierThroughServiceDiscoveryAndTheRegistry()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["services:verifier:http:0"] = _address }).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddServiceDiscovery();
        collection.ConfigureHttpClientDefaults(http => http.AddServiceDiscovery());
        collection.AddCascadeVerifierClient();
        using ServiceProvider services = collection.BuildServiceProvider();

        IQualityGate gate = GateRegistry.CreateDefault().Create(new GateOptions { Kind = "verifier", Settings = new() { ["Timeout"] = "10" } }, _ => null, new DirectTierInvoker(), services);
        GateVerdict verdict = await gate.EvaluateAsync(Context("Paris.", new RequestLedger("req-remote-3")));

        verdict.Decision.ShouldBe(GateDecision.Accept);
    }

    [Fact]
    public async Task Gate_VerifierDownRejectsSoTheCascadeEscalates()
    {
        string down = $"http://127.0.0.1:{FreePort()}";
        using ServiceProvider services = new ServiceCollection().AddCascadeVerifierClient(down).Services.BuildServiceProvider();
        var gate = new RemoteVerifierGate(services.GetRequiredService<IVerifierClient>());
        var ledger = new RequestLedger("req-remote-4");

        GateVerdict verdict = await gate.EvaluateAsync(Context("Paris.", ledger));

        verdict.Decision.ShouldBe(GateDecision.Reject);
        verdict.Reason!.ShouldStartWith("verifier unavailable:");
        verdict.Reason!.ShouldEndWith("; rejecting");
        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.Outcome.ShouldBe(AttemptOutcome.Failed);
        attempt.Billed.ShouldBeFalse();
    }

    [Fact]
    public async Task Gate_VerifierDownCanBeConfiguredToAbstain()
    {
        string down = $"http://127.0.0.1:{FreePort()}";
        using ServiceProvider services = new ServiceCollection().AddCascadeVerifierClient(down).Services.BuildServiceProvider();
        var gate = new RemoteVerifierGate(services.GetRequiredService<IVerifierClient>(), new RemoteVerifierGateOptions { WhenUnavailable = GateFailureBehavior.Abstain });

        (await gate.EvaluateAsync(Context("Paris.", new RequestLedger("req-remote-5")))).Decision.ShouldBe(GateDecision.Abstain);
    }

    [Fact]
    public async Task Client_VerifierErrorStatusIsAnHttpErrorNamingTheProblem()
    {
        using ServiceProvider services = new ServiceCollection().AddCascadeVerifierClient(_address).Services.BuildServiceProvider();
        IVerifierClient client = services.GetRequiredService<IVerifierClient>();

        var ex = await Should.ThrowAsync<HttpRequestException>(() => client.VerifyAsync(new VerificationRequest()));

        ex.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ex.Message.ShouldContain("At least one message is required");
    }

    public void Dispose() => _factory.Dispose();

    private static GateContext Context(string answer, RequestLedger ledger) => new()
    {
        Messages = [new ChatMessage(ChatRole.User, "What is the capital of France?")],
        Response = ChatResponses.Text(answer, modelId: "small-model"),
        Tier = "small",
        Model = "small-model",
        Ledger = ledger,
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
