using Cascade.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.Tests.Budgets;

public class RequestBudgetTests
{
    private static readonly Deployment Opus = new("primary", "anthropic", "claude-opus-4-7", new TestChatClient(), PriceTable.WithAnthropicCaching(5m, 25m))
    {
        DefaultMaxOutputTokens = 1000,
    };

    private static readonly ChatMessage[] Question = [new(ChatRole.User, "What is the capital of France?")];

    private static AttemptRecord Billed(RequestLedger ledger, string tier, AttemptKind kind, decimal cost, long tokens = 100) => new()
    {
        RequestId = ledger.RequestId,
        Sequence = ledger.NextSequence(),
        Tier = tier,
        Deployment = "primary",
        Provider = "anthropic",
        Model = "m",
        Kind = kind,
        Outcome = AttemptOutcome.Rejected,
        Billed = true,
        Cost = cost,
        Usage = new TokenUsage(tokens, 0),
        StartedAt = ledger.StartedAt,
    };

    [Fact]
    public void Check_AllowsACallWellUnderEveryCeiling()
    {
        var ledger = new RequestLedger("r") { Limits = new RequestLimits { MaxCost = 1m, MaxTokens = 100_000 } };

        RequestBudget.Default.Check(ledger, "opus", Opus, AttemptKind.Initial, Question, null).ShouldBeNull();
    }

    [Fact]
    public void Check_StopsBeforeTheCostCeilingIsCrossed()
    {
        // A worst-case Opus call is at least 1000 output tokens x $25/M = $0.025.
        var ledger = new RequestLedger("r") { Limits = new RequestLimits { MaxCost = 0.03m } };
        ledger.Add(Billed(ledger, "haiku", AttemptKind.Initial, 0.01m));

        BudgetStop? stop = RequestBudget.Default.Check(ledger, "opus", Opus, AttemptKind.Escalation, Question, null);

        stop.ShouldNotBeNull().Ceiling.ShouldBe(BudgetCeiling.Cost);
        stop.Estimate!.Value.Exact.ShouldBeTrue("near the ceiling the input is counted with the tokenizer");
        stop.Reason.ShouldContain("$0.03");
    }

    [Fact]
    public void Check_UsesTheOutputLimitOfTheRequest()
    {
        var ledger = new RequestLedger("r") { Limits = new RequestLimits { MaxCost = 0.03m } };
        ledger.Add(Billed(ledger, "haiku", AttemptKind.Initial, 0.01m));

        RequestBudget.Default.Check(ledger, "opus", Opus, AttemptKind.Escalation, Question, new ChatOptions { MaxOutputTokens = 100 }).ShouldBeNull();
    }

    [Fact]
    public void Check_StopsBeforeTheTokenCeiling()
    {
        var ledger = new RequestLedger("r") { Limits = new RequestLimits { MaxTokens = 1_500 } };
        ledger.Add(Billed(ledger, "haiku", AttemptKind.Initial, 0m, tokens: 600));

        RequestBudget.Default.Check(ledger, "opus", Opus, AttemptKind.Escalation, Question, null).ShouldNotBeNull().Ceiling.ShouldBe(BudgetCeiling.Tokens);
    }

    [Fact]
    public void Check_CapsModelCalls()
    {
        var ledger = new RequestLedger("r") { Limits = new RequestLimits { MaxModelCalls = 2 } };
        ledger.Add(Billed(ledger, "haiku", AttemptKind.Initial, 0m));
        RequestBudget.Default.Check(ledger, "sonnet", Opus, AttemptKind.Escalation, Question, null).ShouldBeNull();
        ledger.Add(Billed(ledger, "sonnet", AttemptKind.Escalation, 0m));

        RequestBudget.Default.Check(ledger, "opus", Opus, AttemptKind.Escalation, Question, null).ShouldNotBeNull().Ceiling.ShouldBe(BudgetCeiling.ModelCalls);
    }

    [Fact]
    public void Check_LeavesTheReliabilityStepCapToTheInvoker()
    {
        var ledger = new RequestLedger("r") { Limits = new RequestLimits { MaxModelCalls = 10 } };
        ledger.Add(Billed(ledger, "haiku", AttemptKind.Initial, 0m));
        ledger.Add(Billed(ledger, "haiku", AttemptKind.Retry, 0m));

        // The invoker checks the cap once and gives up on the tier; a budget stop here would end the whole request instead.
        RequestBudget.Default.Check(ledger, "haiku", Opus, AttemptKind.Fallback, Question, null).ShouldBeNull();
    }

    [Fact]
    public void Check_StopsAtTheDeadline()
    {
        var time = new FakeTimeProvider();
        var ledger = new RequestLedger("r", timeProvider: time) { Limits = new RequestLimits { Timeout = TimeSpan.FromSeconds(10) } };
        time.Advance(TimeSpan.FromSeconds(9));
        RequestBudget.Default.Check(ledger, "opus", Opus, AttemptKind.Initial, Question, null).ShouldBeNull();
        ledger.RemainingTime.ShouldBe(TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(1));

        RequestBudget.Default.Check(ledger, "opus", Opus, AttemptKind.Initial, Question, null).ShouldNotBeNull().Ceiling.ShouldBe(BudgetCeiling.Deadline);
        ledger.RemainingTime.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Limits_RejectNonsense()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new RequestLimits { MaxModelCalls = 0 });
        Should.Throw<ArgumentOutOfRangeException>(() => new RequestLimits { MaxCost = -1m });
        Should.Throw<ArgumentOutOfRangeException>(() => new RequestLimits { Timeout = TimeSpan.Zero });
    }
}
