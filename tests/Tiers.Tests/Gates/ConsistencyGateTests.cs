using Cascade.Testing;
using Microsoft.Extensions.AI;

namespace Cascade.Tests.Gates;

public class ConsistencyGateTests
{
    private static ConsistencyGate GateAnswering(TestChatClient sampler, AnswerComparison comparison = AnswerComparison.Auto) =>
        new(new ConsistencyGateOptions { Tier = GateContexts.TierOf("small", sampler, 1m, 5m), Comparison = comparison }, new DirectTierInvoker());

    [Fact]
    public async Task EvaluateAsync_AcceptsWhenTheSecondSampleAgreesAndRecordsItsCost()
    {
        var sampler = TestChatClient.Answering("paris!", inputTokens: 1_000, outputTokens: 100);
        var ledger = new RequestLedger("req-c1");

        GateVerdict verdict = await GateAnswering(sampler).EvaluateAsync(GateContexts.For("Paris", ledger: ledger));

        verdict.Decision.ShouldBe(GateDecision.Accept);
        verdict.Reason.ShouldBe("agrees: same text");
        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.Kind.ShouldBe(AttemptKind.Verification);
        attempt.Outcome.ShouldBe(AttemptOutcome.Completed);
        attempt.Billed.ShouldBeTrue();
        attempt.Cost.ShouldBe(0.0015m);
        sampler.Calls.ShouldHaveSingleItem().Messages.ShouldHaveSingleItem().Text.ShouldBe("What is the capital of France?");
    }

    [Fact]
    public async Task EvaluateAsync_RejectsWhenTheSecondSampleDisagrees()
    {
        GateVerdict verdict = await GateAnswering(TestChatClient.Answering("Lyon")).EvaluateAsync(GateContexts.For("Paris"));

        verdict.Decision.ShouldBe(GateDecision.Reject);
        verdict.Reason!.ShouldStartWith("disagrees");
    }

    [Fact]
    public async Task EvaluateAsync_ComparesChoicesWhenTheRequestHasThem()
    {
        var expectations = new GateExpectations { Choices = ["A", "B", "C", "D"] };

        GateVerdict same = await GateAnswering(TestChatClient.Answering("The answer is B")).EvaluateAsync(GateContexts.For("B.", expectations: expectations));
        GateVerdict different = await GateAnswering(TestChatClient.Answering("C")).EvaluateAsync(GateContexts.For("B", expectations: expectations));

        same.Decision.ShouldBe(GateDecision.Accept);
        same.Reason.ShouldBe("agrees: choice B vs B");
        different.Decision.ShouldBe(GateDecision.Reject);
    }

    [Fact]
    public async Task EvaluateAsync_ComparesFinalNumbers()
    {
        GateVerdict verdict = await GateAnswering(TestChatClient.Answering("She ends with 1,200 apples.")).EvaluateAsync(GateContexts.For("3 boxes of 400 = 1200"));

        verdict.Decision.ShouldBe(GateDecision.Accept);
        verdict.Reason.ShouldBe("agrees: number 1200 vs 1200");
    }

    [Fact]
    public async Task EvaluateAsync_SamplesAtTheConfiguredTemperatureWithoutChangingTheCallersOptions()
    {
        var sampler = TestChatClient.Answering("Paris");
        var gate = new ConsistencyGate(new ConsistencyGateOptions { Tier = GateContexts.TierOf("small", sampler), Temperature = 1f }, new DirectTierInvoker());
        var caller = new ChatOptions { Temperature = 0 };

        await gate.EvaluateAsync(GateContexts.For("Paris", options: caller));

        sampler.Calls.ShouldHaveSingleItem().Options!.Temperature.ShouldBe(1f);
        caller.Temperature.ShouldBe(0);
    }

    [Fact]
    public async Task EvaluateAsync_FailedSampleGivesTheConfiguredVerdict()
    {
        var ledger = new RequestLedger("req-c2");
        var tier = GateContexts.TierOf("small", TestChatClient.Failing(new HttpRequestException("down")));

        GateVerdict rejected = await new ConsistencyGate(new ConsistencyGateOptions { Tier = tier }, new DirectTierInvoker()).EvaluateAsync(GateContexts.For("Paris", ledger: ledger));
        GateVerdict abstained = await new ConsistencyGate(new ConsistencyGateOptions { Tier = tier, WhenUnavailable = GateFailureBehavior.Abstain }, new DirectTierInvoker())
            .EvaluateAsync(GateContexts.For("Paris"));

        rejected.Decision.ShouldBe(GateDecision.Reject);
        rejected.Reason!.ShouldContain("failed");
        abstained.Decision.ShouldBe(GateDecision.Abstain);
        ledger.Attempts.ShouldHaveSingleItem().Outcome.ShouldBe(AttemptOutcome.Failed);
    }

    [Fact]
    public void Compare_TextOverlapUsesTheSimilarityThreshold()
    {
        ConsistencyGate.Compare("the quick brown fox jumps", "the quick brown fox leaps", null, AnswerComparison.Text, 0.6).Agree.ShouldBeTrue();
        ConsistencyGate.Compare("the quick brown fox jumps", "the quick brown fox leaps", null, AnswerComparison.Text, 0.9).Agree.ShouldBeFalse();
    }
}
