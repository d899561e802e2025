using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.Tests.Gates.Remote;

public class RemoteVerifierGateTests
{
    [Fact]
    public async Task EvaluateAsync_TakesTheVerifiersVerdictAndRecordsItsCost()
    {
        var client = new ScriptedVerifier(_ => Task.FromResult(new VerificationResult
        {
            Verdict = GateDecision.Reject,
            Score = 0.2,
            Reasons = [new VerificationReason("judge", "overall 2")],
            Cost = new VerificationCost { Usd = 0.00042m, InputTokens = 300, OutputTokens = 20, ModelCalls = 1, Model = "judge-model" },
        }));
        var ledger = new RequestLedger("req-v1", "support");

        GateVerdict verdict = await new RemoteVerifierGate(client).EvaluateAsync(GateContexts.For("Paris", ledger: ledger, workload: "support"));

        verdict.Decision.ShouldBe(GateDecision.Reject);
        verdict.Score.ShouldBe(0.2);
        verdict.Reason.ShouldBe("verifier reject (0.2): judge: overall 2");
        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.Kind.ShouldBe(AttemptKind.Verification);
        attempt.Provider.ShouldBe("verifier");
        attempt.Model.ShouldBe("judge-model");
        attempt.Cost.ShouldBe(0.00042m);
        attempt.Billed.ShouldBeTrue();
        attempt.Usage.ShouldBe(new TokenUsage(300, 20));
        attempt.Outcome.ShouldBe(AttemptOutcome.Completed);
    }

    [Fact]
    public void CreateRequest_CarriesTheRequestIdCandidateAndExpectations()
    {
        ChatResponse response = global::Cascade.Testing.ChatResponses.Text("{\"a\":1}", finishReason: ChatFinishReason.Length, modelId: "m");
        response.AdditionalProperties = new() { [LogprobConfidence.PropertyKey] = -0.3 };
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""{"type":"object"}""").RootElement) };
        GateContext context = GateContexts.For(response, new GateExpectations { Choices = ["A", "B"] }, options, ledger: new RequestLedger("req-v2"), workload: "w");

        VerificationRequest request = RemoteVerifierGate.CreateRequest(context, ["hedging"]);

        request.RequestId.ShouldBe("req-v2");
        request.Workload.ShouldBe("w");
        request.Messages.ShouldHaveSingleItem().ShouldBe(new VerificationMessage("user", "What is the capital of France?"));
        request.Candidate!.FinishReason.ShouldBe("length");
        request.Candidate.LogprobConfidence.ShouldBe(-0.3);
        request.Candidate.Tier.ShouldBe("small");
        request.Expectations!.JsonSchema!.Value.GetProperty("type").GetString().ShouldBe("object");
        request.Expectations.Choices.ShouldBe(["A", "B"]);
        request.Policy!.Checks.ShouldBe(["hedging"]);
        JsonSerializer.Serialize(request, VerifierJsonContext.Default.VerificationRequest).ShouldContain("\"logprob_confidence\":-0.3");
    }

    [Fact]
    public async Task EvaluateAsync_VerifierDownRejectsByDefaultAndIsRecorded()
    {
        var client = new ScriptedVerifier(_ => throw new HttpRequestException("Connection refused"));
        var ledger = new RequestLedger("req-v3");

        GateVerdict verdict = await new RemoteVerifierGate(client).EvaluateAsync(GateContexts.For("Paris", ledger: ledger));

        verdict.Decision.ShouldBe(GateDecision.Reject);
        verdict.Reason.ShouldBe("verifier unavailable: Connection refused; rejecting");
        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.Outcome.ShouldBe(AttemptOutcome.Failed);
        attempt.Billed.ShouldBeFalse();
        attempt.Provider.ShouldBe("verifier");
    }

    [Fact]
    public async Task EvaluateAsync_TimesOutOnTheGatesClock()
    {
        var time = new FakeTimeProvider();
        var client = new ScriptedVerifier(async token =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, token);
            throw new InvalidOperationException("unreachable");
        });
        var gate = new RemoteVerifierGate(client, new RemoteVerifierGateOptions { Timeout = TimeSpan.FromSeconds(2), WhenUnavailable = GateFailureBehavior.Abstain }, time);
        var ledger = new RequestLedger("req-v4", timeProvider: time);

        ValueTask<GateVerdict> pending = gate.EvaluateAsync(GateContexts.For("Paris", ledger: ledger));
        time.Advance(TimeSpan.FromSeconds(1.9));
        pending.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(0.1));
        GateVerdict verdict = await pending;

        verdict.Decision.ShouldBe(GateDecision.Abstain);
        verdict.Reason.ShouldBe("verifier timed out after 2 s; abstaining");
        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.Failure.ShouldBe(FailureCause.TimeoutBeforeResponse);
        attempt.Duration.ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task EvaluateAsync_CallerCancellationIsNotAVerdict()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var client = new ScriptedVerifier(token => Task.FromCanceled<VerificationResult>(token));

        await Should.ThrowAsync<OperationCanceledException>(async () => await new RemoteVerifierGate(client).EvaluateAsync(GateContexts.For("Paris"), cancelled.Token));
    }

    private sealed class ScriptedVerifier(Func<CancellationToken, Task<VerificationResult>> respond) : IVerifierClient
    {
        public Task<VerificationResult> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken = default) => respond(cancellationToken);
    }
}
