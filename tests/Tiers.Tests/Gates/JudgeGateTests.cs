using Cascade.Testing;
using Microsoft.Extensions.AI;

namespace Cascade.Tests.Gates;

public class JudgeGateTests
{
    private static JudgeGate JudgeAnswering(TestChatClient judge, GateFailureBehavior whenMalformed = GateFailureBehavior.Reject, double acceptAt = 3.5) =>
        new(new JudgeGateOptions { Tier = GateContexts.TierOf("judge", judge, 1m, 5m), WhenMalformed = whenMalformed, AcceptAtOverall = acceptAt }, new DirectTierInvoker());

    private static string Rubric(double overall, bool escalate = false) =>
        $$"""{"accuracy": 4, "completeness": 4, "clarity": 5, "overall": {{overall.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "should_escalate": {{(escalate ? "true" : "false")}}, "reason": "fine"}""";

    [Fact]
    public async Task EvaluateAsync_AcceptsAtTheOverallThresholdAndRecordsTheJudgesCost()
    {
        var judge = TestChatClient.Answering(Rubric(3.5), inputTokens: 2_000, outputTokens: 40);
        var ledger = new RequestLedger("req-j1");

        GateVerdict verdict = await JudgeAnswering(judge).EvaluateAsync(GateContexts.For("Paris", ledger: ledger));

        verdict.Decision.ShouldBe(GateDecision.Accept);
        verdict.Score.ShouldBe(0.625);
        verdict.Reason!.ShouldContain("overall 3.5");
        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.Kind.ShouldBe(AttemptKind.Verification);
        attempt.Tier.ShouldBe("judge");
        attempt.Cost.ShouldBe(0.0022m);
    }

    [Fact]
    public async Task EvaluateAsync_SendsTheQuestionAndAnswerWithAStrictJsonRubric()
    {
        var judge = TestChatClient.Answering(Rubric(5));

        await JudgeAnswering(judge).EvaluateAsync(GateContexts.For("Paris", question: "Capital of France?"));

        TestCall call = judge.Calls.ShouldHaveSingleItem();
        string prompt = call.Messages.ShouldHaveSingleItem().Text;
        prompt.ShouldContain("Question:\nCapital of France?");
        prompt.ShouldContain("Answer to evaluate:\nParis");
        call.Options!.Instructions.ShouldBe(JudgeGateOptions.DefaultInstructions);
        call.Options.Temperature.ShouldBe(0);
        call.Options.ResponseFormat.ShouldBeOfType<ChatResponseFormatJson>().Schema!.Value.GetRawText().ShouldContain("should_escalate");
    }

    [Theory]
    [InlineData(3.4, false)]
    [InlineData(5, true)]
    public async Task EvaluateAsync_RejectsALowScoreOrAnEscalationFlag(double overall, bool escalate)
    {
        GateVerdict verdict = await JudgeAnswering(TestChatClient.Answering(Rubric(overall, escalate))).EvaluateAsync(GateContexts.For("Paris"));

        verdict.Decision.ShouldBe(GateDecision.Reject);
    }

    [Fact]
    public async Task EvaluateAsync_ToleratesACodeFenceAroundTheRubric()
    {
        GateVerdict verdict = await JudgeAnswering(TestChatClient.Answering("```json\n" + Rubric(4) + "\n```")).EvaluateAsync(GateContexts.For("Paris"));

        verdict.Decision.ShouldBe(GateDecision.Accept);
    }

    [Theory]
    [InlineData("I would rate it a 4.")]
    [InlineData("""{"accuracy": 4, "completeness": 4, "clarity": 4, "overall": 4}""")]
    [InlineData("""{"accuracy": 9, "completeness": 4, "clarity": 4, "overall": 4, "should_escalate": false}""")]
    [InlineData("""{"accuracy": "high", "completeness": 4, "clarity": 4, "overall": 4, "should_escalate": false}""")]
    [InlineData("""{"accuracy": 4, "completeness": 4, "clarity": 4, "overall": 4, "should_escalate": "no"}""")]
    public async Task EvaluateAsync_MalformedReplyGivesTheConfiguredVerdict(string reply)
    {
        GateVerdict rejected = await JudgeAnswering(TestChatClient.Answering(reply)).EvaluateAsync(GateContexts.For("Paris"));
        GateVerdict abstained = await JudgeAnswering(TestChatClient.Answering(reply), GateFailureBehavior.Abstain).EvaluateAsync(GateContexts.For("Paris"));

        rejected.Decision.ShouldBe(GateDecision.Reject);
        rejected.Reason!.ShouldStartWith("malformed judge reply");
        abstained.Decision.ShouldBe(GateDecision.Abstain);
    }

    [Fact]
    public async Task EvaluateAsync_FailedJudgeRejectsByDefault()
    {
        var judge = TestChatClient.Failing(new HttpRequestException("judge down"));

        GateVerdict verdict = await JudgeAnswering(judge).EvaluateAsync(GateContexts.For("Paris"));

        verdict.Decision.ShouldBe(GateDecision.Reject);
        verdict.Reason!.ShouldContain("judge tier 'judge' failed");
    }

    [Fact]
    public void Options_ValidateTheThreshold()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new JudgeGateOptions { Tier = GateContexts.TierOf("j", new TestChatClient()), AcceptAtOverall = 6 })
            .ParamName.ShouldBe("AcceptAtOverall");
    }
}
