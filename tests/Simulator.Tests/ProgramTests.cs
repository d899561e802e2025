using System.Net;
using Cascade.Simulator.Tests.Infrastructure;

namespace Cascade.Simulator.Tests;

public sealed class ProgramTests : IClassFixture<ProgramTests.Server>
{
    private readonly SimulatorServer _server;

    public ProgramTests(Server server) => _server = server.Instance;

    [Fact]
    public async Task Health_IsServed()
    {
        using HttpResponseMessage health = await _server.Http.GetAsync("/health", TestContext.Current.CancellationToken);
        using HttpResponseMessage alive = await _server.Http.GetAsync("/alive", TestContext.Current.CancellationToken);

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("Healthy");
        alive.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownApiPath_Is404InTheApiShape()
    {
        using HttpResponseMessage openai = await _server.Http.PostAsync("/v1/embeddings", new StringContent("{}"), TestContext.Current.CancellationToken);
        using var anthropicRequest = new HttpRequestMessage(HttpMethod.Post, "/v1/complete") { Content = new StringContent("{}") };
        anthropicRequest.Headers.Add("anthropic-version", "2023-06-01");
        using HttpResponseMessage anthropic = await _server.Http.SendAsync(anthropicRequest, TestContext.Current.CancellationToken);

        openai.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await openai.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"code\":\"unknown_url\"");
        anthropic.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anthropic.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("not_found_error");
    }

    [Fact]
    public async Task Admin_IsOff_WithoutAnAdminKey()
    {
        using var server = new SimulatorServer(settings: new Dictionary<string, string?> { ["Simulator:AdminKey"] = "" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/ledger");
        request.Headers.Add("x-admin-key", "");

        using HttpResponseMessage response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("Simulator:AdminKey");
    }

    [Fact]
    public async Task FaultHeader_CanBeTurnedOff()
    {
        using var server = new SimulatorServer(settings: new Dictionary<string, string?> { ["Simulator:AllowFaultHeader"] = "false" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Authorization", "Bearer k");
        request.Headers.Add("x-sim-fault", "500");

        using HttpResponseMessage response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("AllowFaultHeader");
    }

    public sealed class Server : IDisposable
    {
        public SimulatorServer Instance { get; } = new();

        public void Dispose() => Instance.Dispose();
    }
}
