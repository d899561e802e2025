namespace Cascade.Tests.Failures;

public class FailurePolicyTests
{
    [Theory]
    [InlineData(FailureCause.RateLimited, FailureDecision.Retry, TierFailureAction.TryNextTier)]
    [InlineData(FailureCause.ConnectionFailedBeforeSend, FailureDecision.Retry, TierFailureAction.TryNextTier)]
    [InlineData(FailureCause.Overloaded, FailureDecision.Fallback, TierFailureAction.TryNextTier)]
    [InlineData(FailureCause.ServerError, FailureDecision.Fallback, TierFailureAction.TryNextTier)]
    [InlineData(FailureCause.TimeoutBeforeResponse, FailureDecision.Fallback, TierFailureAction.TryNextTier)]
    [InlineData(FailureCause.TimeoutAfterAcceptance, FailureDecision.Fallback, TierFailureAction.TryNextTier)]
    [InlineData(FailureCause.ConnectionFailedAfterSend, FailureDecision.Fallback, TierFailureAction.TryNextTier)]
    [InlineData(FailureCause.EmptyAnswer, FailureDecision.Fallback, TierFailureAction.TryNextTier)]
    [InlineData(FailureCause.CircuitOpen, FailureDecision.Fallback, TierFailureAction.TryNextTier)]
    [InlineData(FailureCause.Unknown, FailureDecision.Fallback, TierFailureAction.TryNextTier)]
    [InlineData(FailureCause.ContextTooLong, FailureDecision.LargerContextTier, TierFailureAction.TryLargerContextTier)]
    [InlineData(FailureCause.InvalidRequest, FailureDecision.Stop, TierFailureAction.Stop)]
    [InlineData(FailureCause.Authentication, FailureDecision.Stop, TierFailureAction.Stop)]
    [InlineData(FailureCause.ContentRefusal, FailureDecision.Stop, TierFailureAction.Stop)]
    [InlineData(FailureCause.ClientDisconnected, FailureDecision.Stop, TierFailureAction.Stop)]
    [InlineData(FailureCause.CancelledByCaller, FailureDecision.Stop, TierFailureAction.Stop)]
    public void Default_HasOneDecisionPerCause(FailureCause cause, FailureDecision decision, TierFailureAction action)
    {
        FailurePolicy.Default.Decide(cause, billed: false).ShouldBe(decision);
        FailurePolicy.Default.TierActionFor(cause).ShouldBe(action);
    }

    [Fact]
    public void Default_CoversEveryCause() =>
        Enum.GetValues<FailureCause>().ShouldAllBe(cause => FailurePolicy.DefaultDecisions.ContainsKey(cause));

    [Fact]
    public void Decide_RetryAfterABilledFailure_BecomesAFallback()
    {
        FailurePolicy.Default.Decide(FailureCause.RateLimited, billed: true).ShouldBe(FailureDecision.Fallback);
        new FailurePolicy(new FailurePolicyOptions { RetryBilledFailures = true }).Decide(FailureCause.RateLimited, billed: true).ShouldBe(FailureDecision.Retry);
    }

    [Fact]
    public void FallbackOnRefusal_IsOptIn()
    {
        FailurePolicy.Default.Decide(FailureCause.ContentRefusal, false).ShouldBe(FailureDecision.Stop);
        new FailurePolicy(new FailurePolicyOptions { FallbackOnRefusal = true }).Decide(FailureCause.ContentRefusal, false).ShouldBe(FailureDecision.Fallback);
    }

    [Fact]
    public void Decisions_OverrideTheDefaults_ForExampleArticle001RetryingServerErrors()
    {
        var policy = new FailurePolicy(new FailurePolicyOptions { Decisions = { [FailureCause.ServerError] = FailureDecision.Retry } });

        policy.Decide(FailureCause.ServerError, false).ShouldBe(FailureDecision.Retry);
        policy.Decide(FailureCause.Overloaded, false).ShouldBe(FailureDecision.Fallback);
    }

    [Fact]
    public void Options_ThatWouldAnswerNobody_AreRejectedWithTheSettingToFix()
    {
        var ex = Should.Throw<ArgumentException>(() => new FailurePolicy(new FailurePolicyOptions
        {
            Decisions = { [FailureCause.CancelledByCaller] = FailureDecision.Fallback, [FailureCause.CircuitOpen] = FailureDecision.Retry },
        }));

        ex.Message.ShouldContain("Decisions:CancelledByCaller must be Stop");
        ex.Message.ShouldContain("Decisions:CircuitOpen cannot be Retry");
    }

    [Fact]
    public void CountsTowardCircuit_ProviderHealthFailuresOnly()
    {
        FailurePolicy.Default.CountsTowardCircuit(FailureCause.ServerError).ShouldBeTrue();
        FailurePolicy.Default.CountsTowardCircuit(FailureCause.RateLimited).ShouldBeTrue();
        FailurePolicy.Default.CountsTowardCircuit(FailureCause.InvalidRequest).ShouldBeFalse();
        FailurePolicy.Default.CountsTowardCircuit(FailureCause.CancelledByCaller).ShouldBeFalse();
        new FailurePolicy(new FailurePolicyOptions { CircuitCauses = [FailureCause.EmptyAnswer] }).CountsTowardCircuit(FailureCause.EmptyAnswer).ShouldBeTrue();
    }

    [Fact]
    public void ToName_IsSnakeCase() => FailureCause.TimeoutAfterAcceptance.ToName().ShouldBe("timeout_after_acceptance");
}
