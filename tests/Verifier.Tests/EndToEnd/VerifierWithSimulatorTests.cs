using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Verifier.Tests.Verification;

namespace Cascade.Verifier.Tests.EndToEnd;

/// <summary>The verifier's judge is the simulator's cheap model, reached through an SDK at the simulator's address.</summary>
public sealed class VerifierWithSimulatorTests : IAsyncLifetime
{
    private SimulatorProcess? _simulator;

    public async ValueTask InitializeAsync() => _simulator = await SimulatorProcess.StartAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task Judge_OnTheSimulatorJudgesAndTheVerificationCostMatchesTheSimulatorsLedger()
    {
        // The default provider (OpenAI-compatible) carries the rubric's JSON schema as response_format.
        using var factory = new VerifierFactory(scriptedJudge: false, settings: new()
        {
            ["Verifier:Judge:Model"] = "claude-haiku-4-5-20251001",
            ["services:simulator:http:0"] = _simulator!.Address,
        });
        using HttpClient client = factory.CreateClient();

        VerificationResult confident = await client.VerifyAsync(VerifyRequests.Answer("Paris is the capital of France.", requestId: "e2e-1"));
        VerificationResult doubtful = await client.VerifyAsync(VerifyRequests.Answer("It is possibly Lyon.", requestId: "e2e-2"));

        confident.Verdict.ShouldBe(GateDecision.Accept, string.Join("; ", confident.Reasons));
        confident.Reasons.ShouldHaveSingleItem().Check.ShouldBe("judge");
        doubtful.Verdict.ShouldBe(GateDecision.Reject, string.Join("; ", doubtful.Reasons));
        doubtful.Reasons.ShouldHaveSingleItem().Check.ShouldBe("judge");

        // What the verifier says it cost is what the provider billed: same tokens, priced from prices.json.
        using var admin = new HttpClient { BaseAddress = new Uri(_simulator.Address) };
        admin.DefaultRequestHeaders.Add("x-admin-key", SimulatorProcess.AdminKey);
        using JsonDocument ledger = JsonDocument.Parse(await admin.GetStringAsync("/admin/ledger"));
        JsonElement[] entries = ledger.RootElement.GetProperty("entries").EnumerateArray().ToArray();
        entries.Length.ShouldBe(2);
        long input = entries.Sum(e => e.GetProperty("inputTokens").GetInt64());
        long output = entries.Sum(e => e.GetProperty("outputTokens").GetInt64());
        (confident.Cost.InputTokens + doubtful.Cost.InputTokens).ShouldBe(input);
        (confident.Cost.OutputTokens + doubtful.Cost.OutputTokens).ShouldBe(output);
        (confident.Cost.Usd + doubtful.Cost.Usd).ShouldBe(PriceCatalog.LoadDefault().GetPrice("claude-haiku-4-5-20251001").CostOf(input, output));
    }

    public async ValueTask DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }
}
