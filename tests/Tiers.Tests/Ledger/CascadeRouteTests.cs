using System.Text.Json;
using Cascade.Tests.State;

namespace Cascade.Tests.Ledger;

public class CascadeRouteTests
{
    [Fact]
    public void Totals_CountBilledAttemptsOnly()
    {
        AttemptRecord first = InMemoryCascadeStateStoreTests.Attempt("r", 1) with { Cost = 0.001m, Usage = new TokenUsage(100, 10), Outcome = AttemptOutcome.Rejected };
        AttemptRecord failed = InMemoryCascadeStateStoreTests.Attempt("r", 2) with { Kind = AttemptKind.Fallback, Billed = false, Outcome = AttemptOutcome.Failed, Failure = FailureCause.ServerError };
        AttemptRecord cutOff = InMemoryCascadeStateStoreTests.Attempt("r", 3) with { Kind = AttemptKind.Escalation, Cost = 0.0105m, Usage = new TokenUsage(100, 50, IsEstimated: true), Outcome = AttemptOutcome.Failed };
        var route = new CascadeRoute { RequestId = "r", Attempts = [first, failed, cutOff] };

        route.TotalCost.ShouldBe(0.0115m);
        route.TotalUsage.ShouldBe(new TokenUsage(200, 60, IsEstimated: true));
        route.Escalations.ShouldBe(1);
        route.Fallbacks.ShouldBe(1);
        route.ModelCalls.ShouldBe(3);
    }

    [Fact]
    public void Route_SerializesWithTheSourceGeneratedContext()
    {
        var route = new CascadeRoute
        {
            RequestId = "r",
            ResolvedTier = "haiku",
            Decision = new RouteDecision(RouteMode.Upfront, "haiku", 0.9, "short factual question"),
            Attempts = [InMemoryCascadeStateStoreTests.Attempt("r", 1) with { Verdict = GateVerdict.Accept("logprob", score: 0.97) }],
        };

        string json = JsonSerializer.Serialize(route, CascadeJsonContext.Default.CascadeRoute);

        json.ShouldContain("\"mode\":\"Upfront\"");
        json.ShouldContain("\"decision\":\"Accept\"");
        CascadeRoute back = JsonSerializer.Deserialize(json, CascadeJsonContext.Default.CascadeRoute)!;
        back.Attempts[0].Verdict!.Score.ShouldBe(0.97);
    }

    [Fact]
    public void RequestLedger_RejectsAttemptsOfAnotherRequest()
    {
        var ledger = new RequestLedger("r1");

        Should.Throw<ArgumentException>(() => ledger.Add(InMemoryCascadeStateStoreTests.Attempt("r2", 1)));
    }
}
