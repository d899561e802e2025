using Cascade.Testing;
using Microsoft.Extensions.AI;
using static Cascade.Tests.Cascading.CascadeTestKit;

namespace Cascade.Tests.Routing;

public sealed class UpfrontRoutingChatClientTests
{
    private static (IChatClient Client, TestChatClient Small, TestChatClient Middle, TestChatClient Large) Build(UpfrontRoutingOptions? options = null, WorkloadTracker? workloads = null)
    {
        var small = TestChatClient.Answering("small");
        var middle = TestChatClient.Answering("middle");
        var large = TestChatClient.Answering("large");
        var ladder = new CascadeLadder { FinalTierName = "large", FinalTierPrice = Strong }
            .Add(new Tier("faq", [new Deployment("faq", RegexFaqChatClient.ProviderName, "regex-faq", new RegexFaqChatClient([new FaqEntry(@"reset\s*(my\s*)?password", "Visit /reset.")]), PriceTable.Free)]))
            .Add(Tier("small", small, Cheap), global::Cascade.Tests.Cascading.TestGate.Rejecting())
            .Add(Tier("middle", middle, Middle), global::Cascade.Tests.Cascading.TestGate.Accepting());
        IChatClient client = new ChatClientBuilder(large).UseUpfrontRouting(options).UseCascade(ladder, c => c.Workloads = workloads).Build();
        return (client, small, middle, large);
    }

    [Fact]
    public async Task FaqMatch_GoesStraightToTheFaqTier()
    {
        (IChatClient client, TestChatClient small, _, _) = Build();

        ChatResponse response = await client.GetResponseAsync(Ask("How do I reset my password?"));

        response.Text.ShouldBe("Visit /reset.");
        small.CallCount.ShouldBe(0);
        RouteDecision decision = response.GetCascadeRoute()!.Decision!;
        decision.Mode.ShouldBe(RouteMode.Upfront);
        decision.StartTier.ShouldBe("faq");
        decision.Confidence.ShouldBe(1.0);
    }

    [Fact]
    public async Task ConfidentlyHardRequest_GoesStraightToTheStrongTier_PayingForNoCheaperAttempt()
    {
        (IChatClient client, TestChatClient small, TestChatClient middle, TestChatClient large) = Build();
        string question = "Compare event sourcing and CQRS for our billing system, analyze the trade-offs step by step, and design the migration:\n```csharp\npublic class Invoice { }\n```\n" + new string('x', 1500);

        ChatResponse response = await client.GetResponseAsync(Ask(question));

        response.Text.ShouldBe("large");
        small.CallCount.ShouldBe(0);
        middle.CallCount.ShouldBe(0);
        RouteDecision decision = response.GetCascadeRoute()!.Decision!;
        decision.Mode.ShouldBe(RouteMode.Upfront);
        decision.Reason!.ShouldContain("code");
        response.GetCascadeRoute()!.Attempts.Single().Tier.ShouldBe("large");
    }

    [Fact]
    public async Task ConfidentlySimpleRequest_StartsAtTheCheapTier()
    {
        (IChatClient client, _, _, _) = Build();

        ChatResponse response = await client.GetResponseAsync(Ask("Hi, what's 2 + 2?"));

        RouteDecision decision = response.GetCascadeRoute()!.Decision!;
        decision.Mode.ShouldBe(RouteMode.Upfront);
        decision.StartTier.ShouldBe("small");
        decision.Reason!.ShouldStartWith("no pattern of 'faq' matched");
    }

    [Fact]
    public async Task AmbiguousRequest_Cascades()
    {
        (IChatClient client, TestChatClient small, TestChatClient middle, _) = Build(new UpfrontRoutingOptions { ConfidenceThreshold = 1.0 });

        ChatResponse response = await client.GetResponseAsync(Ask("Why did my parcel go to the wrong depot, and can it still arrive by Friday?"));

        RouteDecision decision = response.GetCascadeRoute()!.Decision!;
        decision.Mode.ShouldBe(RouteMode.Cascade);
        decision.Reason!.ShouldContain("ambiguous");
        small.CallCount.ShouldBe(1);
        middle.CallCount.ShouldBe(1);
        response.GetCascadeRoute()!.ResolvedTier.ShouldBe("middle");
    }

    [Fact]
    public async Task WorkloadTier_RoutesWithFullConfidence()
    {
        var options = new UpfrontRoutingOptions { WorkloadTiers = { ["contracts"] = "middle" } };
        (IChatClient client, TestChatClient small, _, _) = Build(options);

        ChatResponse response = await client.GetResponseAsync(Ask("short"), With(CascadeOptionKeys.Workload, "contracts"));

        small.CallCount.ShouldBe(0);
        response.GetCascadeRoute()!.Decision!.StartTier.ShouldBe("middle");
    }

    [Theory]
    [InlineData(0.99, "middle", false)]
    [InlineData(0.01, "small", true)]
    public async Task ConfidentRequestOfAWorkloadThatUsuallyEscalates_StartsAtItsPromotedTier_AndStillProbes(double draw, string start, bool probe)
    {
        var store = new InMemoryCascadeStateStore();
        for (int i = 0; i < 20; i++)
        {
            await store.AppendWorkloadOutcomeAsync("returns", new WorkloadOutcome { At = DateTimeOffset.UnixEpoch, StartTier = "small", Escalated = true }, 1000);
        }

        (IChatClient client, TestChatClient small, _, _) = Build(workloads: new WorkloadTracker(store, random: () => draw));

        ChatResponse response = await client.GetResponseAsync(Ask("Hi, what's 2 + 2?"), With(CascadeOptionKeys.Workload, "returns"));

        RouteDecision decision = response.GetCascadeRoute()!.Decision!;
        decision.Mode.ShouldBe(RouteMode.Upfront);
        decision.StartTier.ShouldBe(start);
        decision.Reason!.ShouldContain("complexity");
        decision.Reason!.Contains("workload 'returns' promoted", StringComparison.Ordinal).ShouldBe(!probe);
        small.CallCount.ShouldBe(probe ? 1 : 0);
        (await store.GetWorkloadOutcomesAsync("returns", 1)).Single().Probe.ShouldBe(probe);
    }

    [Fact]
    public void WithoutACascadeBehindIt_ItSaysWhereToPutIt()
    {
        IChatClient client = new ChatClientBuilder(TestChatClient.Answering("x")).UseUpfrontRouting().Build();

        Should.Throw<InvalidOperationException>(() => client.GetResponseAsync(Ask("q"))).Message.ShouldContain("before UseCascade");
    }

    [Theory]
    [InlineData("Hi", 0.0, 0.1)]
    [InlineData("Compare these designs and analyze the trade-offs", 0.25, 0.6)]
    public void Complexity_GrowsWithTheFeatures(string question, double min, double max)
    {
        double score = new UpfrontClassifier().Complexity(RequestFeatures.From(Ask(question), null));

        score.ShouldBeInRange(min, max);
    }
}
