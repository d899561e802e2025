using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Verifier.Tests.Verification;

/// <summary>The judge built from configuration calls a real provider SDK against a loopback fake of the provider's API.</summary>
public sealed class JudgeTierFactoryTests : IAsyncLifetime
{
    private const string Rubric = """{\"accuracy\":4,\"completeness\":4,\"clarity\":4,\"overall\":4,\"should_escalate\":false}""";
    private WebApplication? _provider;
    private int _calls;
    private string? _lastPath;
    private int _status = 200;

    private string Address => _provider!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    public async ValueTask InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _provider = builder.Build();
        _provider.MapPost("/v1/chat/completions", () => Respond($$$"""
            {"id":"c1","object":"chat.completion","created":1700000000,"model":"judge-model",
             "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"{{{Rubric}}}"}}],
             "usage":{"prompt_tokens":200,"completion_tokens":30,"total_tokens":230}}
            """));
        _provider.MapPost("/v1/messages", () => Respond($$$"""
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001",
             "content":[{"type":"text","text":"{{{Rubric}}}"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":200,"output_tokens":30}}
            """));
        await _provider.StartAsync();
    }

    [Theory]
    [InlineData("openai", "judge-model")]
    [InlineData("anthropic", "claude-haiku-4-5-20251001")]
    public async Task Judge_CallsTheProviderAtTheSimulatorsAddressAndPricesTheCall(string provider, string model)
    {
        using var factory = new VerifierFactory(scriptedJudge: false, settings: new()
        {
            ["Verifier:Judge:Provider"] = provider,
            ["Verifier:Judge:Model"] = model,
            ["Verifier:Judge:InputPricePerMillion"] = "1",
            ["Verifier:Judge:OutputPricePerMillion"] = "5",
            ["services:simulator:http:0"] = Address,
        });
        using HttpClient client = factory.CreateClient();

        VerificationResult result = await client.VerifyAsync(VerifyRequests.Answer("Paris."));

        result.Verdict.ShouldBe(GateDecision.Accept);
        result.Cost.Usd.ShouldBe(0.00035m);
        result.Cost.InputTokens.ShouldBe(200);
        _calls.ShouldBe(1);
    }

    [Theory]
    [InlineData("Cascade:Providers:openai:Endpoint", "/v1", "/v1/chat/completions")]
    [InlineData("Cascade:Providers:anthropic:Endpoint", "", "/v1/messages")]
    [InlineData("services:simulator:http:0", "", "/v1/chat/completions")]
    public async Task Judge_AutoProviderFollowsTheAddressesTheAppHostGives(string key, string suffix, string path)
    {
        using var factory = new VerifierFactory(scriptedJudge: false, settings: new() { [key] = Address + suffix });
        using HttpClient client = factory.CreateClient();

        VerificationResult result = await client.VerifyAsync(VerifyRequests.Answer("Paris."));

        result.Verdict.ShouldBe(GateDecision.Accept);
        _calls.ShouldBe(1);
        _lastPath.ShouldBe(path);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task Judge_ProviderErrorIsNotRetriedBySdkAndRejects(string provider)
    {
        _status = 503;
        using var factory = new VerifierFactory(scriptedJudge: false, settings: new()
        {
            ["Verifier:Judge:Provider"] = provider,
            ["Verifier:Judge:Endpoint"] = Address,
        });
        using HttpClient client = factory.CreateClient();

        VerificationResult result = await client.VerifyAsync(VerifyRequests.Answer("Paris."));

        result.Verdict.ShouldBe(GateDecision.Reject);
        result.Reasons.ShouldHaveSingleItem().Detail.ShouldContain("judge tier 'judge' failed");
        _calls.ShouldBe(1);
    }

    [Fact]
    public void Judge_WithoutAnyEndpointStopsStartUpSayingWhatToSet()
    {
        using var factory = new VerifierFactory(scriptedJudge: false);

        Exception ex = Should.Throw<Exception>(() => factory.CreateClient());

        ex.ToString().ShouldContain("Verifier:Judge has no endpoint");
    }

    [Fact]
    public void Judge_UnpricedModelStopsStartUp()
    {
        using var factory = new VerifierFactory(scriptedJudge: false, settings: new() { ["Verifier:Judge:Model"] = "mystery-model", ["Verifier:Judge:Endpoint"] = "http://127.0.0.1:1" });

        Should.Throw<Exception>(() => factory.CreateClient()).ToString().ShouldContain("'mystery-model' is not in the price file");
    }

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    private IResult Respond(string body)
    {
        Interlocked.Increment(ref _calls);
        _lastPath = body.Contains("chat.completion", StringComparison.Ordinal) ? "/v1/chat/completions" : "/v1/messages";
        return _status == 200
            ? Results.Content(body, "application/json")
            : Results.Content("""{"type":"error","error":{"type":"overloaded_error","message":"busy"}}""", "application/json", statusCode: _status);
    }
}
