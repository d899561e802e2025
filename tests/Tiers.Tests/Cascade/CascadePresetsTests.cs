using Cascade.Testing;
using Microsoft.Extensions.AI;
using static Cascade.Tests.Cascading.CascadeTestKit;

namespace Cascade.Tests.Cascading;

public sealed class CascadePresetsTests
{
    private static readonly FaqEntry[] Faq = [new(@"(?i)(business|office)\s*hours?", "Our business hours are Monday-Friday, 9 AM - 6 PM EST.")];

    [Fact]
    public async Task ThreeTier_AnswersFaqForFree_KeepsConfidentSmallAnswers_AndEscalatesDoubtAndHedging()
    {
        var small = new TestChatClient()
            .ThenAnswer("Use sorted(list) or list.sort().")
            .ThenAnswer("UNSURE: I cannot tell without the order number.")
            .ThenAnswer("I think it depends, possibly on the carrier.");
        var large = TestChatClient.Answering("A thorough answer.");
        CascadeLadder ladder = CascadePresets.ThreeTierLadder(Faq, small, Cheap);
        ladder.FinalTierName = "large";
        ladder.FinalTierPrice = Strong;
        IChatClient client = new ChatClientBuilder(large).UseCascade(ladder).Build();

        ChatResponse faq = await client.GetResponseAsync(Ask("What are your business hours?"));
        ChatResponse sure = await client.GetResponseAsync(Ask("How do I sort a list in Python?"));
        ChatResponse unsure = await client.GetResponseAsync(Ask("Where is my order?"));
        ChatResponse hedged = await client.GetResponseAsync(Ask("When will it arrive?"));

        faq.GetCascadeRoute()!.ResolvedTier.ShouldBe("faq");
        sure.GetCascadeRoute()!.ResolvedTier.ShouldBe("small");
        unsure.GetCascadeRoute()!.Attempts[0].Verdict!.Gate.ShouldBe(SelfDoubtGate.Kind);
        unsure.Text.ShouldBe("A thorough answer.");
        hedged.GetCascadeRoute()!.Attempts[0].Verdict!.Gate.ShouldBe(HedgingGate.Kind);
        small.Calls[0].Options!.Instructions.ShouldNotBeNull().ShouldContain("UNSURE:");
    }

    [Fact]
    public async Task ThreeTier_StripsTheMarkerFromAKeptAnswer()
    {
        var small = TestChatClient.Answering("It ships Tuesday.");
        CascadeLadder ladder = CascadePresets.ThreeTierLadder(Faq, small, Cheap);
        ladder.FinalTierPrice = Strong;
        IChatClient client = new ChatClientBuilder(TestChatClient.Answering("large")).UseCascade(ladder).Build();

        ChatResponse response = await client.GetResponseAsync(Ask("When does it ship?"));

        response.Text.ShouldBe("It ships Tuesday.");
    }

    [Fact]
    public async Task SelfEvaluation_KeepsAnAnswerTheJudgeScoresHigh_AndCountsTheJudgesCost()
    {
        var small = TestChatClient.Answering("Returns are free within 30 days.", 20, 8);
        var judge = TestChatClient.Answering("""{"accuracy":5,"completeness":4,"clarity":5,"overall":4.5,"should_escalate":false}""", 60, 20);
        Tier judgeTier = Tier("judge", judge, Cheap);
        CascadeLadder ladder = CascadePresets.SelfEvaluationLadder(small, Cheap, judgeTier);
        ladder.FinalTierPrice = Strong;
        IChatClient client = new ChatClientBuilder(TestChatClient.Answering("large")).UseCascade(ladder).Build();

        ChatResponse response = await client.GetResponseAsync(Ask("What is the return policy?"));

        CascadeRoute route = response.GetCascadeRoute()!;
        route.ResolvedTier.ShouldBe("small");
        route.Attempts.Select(a => a.Kind).ShouldBe([AttemptKind.Initial, AttemptKind.Verification]);
        route.TotalCost.ShouldBe(Cheap.CostOf(20, 8) + Cheap.CostOf(60, 20));
    }

    [Fact]
    public async Task SelfEvaluation_EscalatesOnALowScoreOrTheFlag()
    {
        var small = TestChatClient.Answering("Maybe.", 20, 2);
        var judge = TestChatClient.Answering("""{"accuracy":2,"completeness":2,"clarity":4,"overall":2.5,"should_escalate":true}""", 60, 20);
        var large = TestChatClient.Answering("The full answer.");
        CascadeLadder ladder = CascadePresets.SelfEvaluationLadder(small, Cheap, Tier("judge", judge, Cheap));
        ladder.FinalTierPrice = Strong;
        IChatClient client = new ChatClientBuilder(large).UseCascade(ladder, c => c.DefaultLimits = new RequestLimits { MaxModelCalls = 4 }).Build();

        ChatResponse response = await client.GetResponseAsync(Ask("q"));

        response.Text.ShouldBe("The full answer.");
        response.GetCascadeRoute()!.Attempts[0].Verdict!.Gate.ShouldBe(JudgeGate.Kind);
    }

    [Fact]
    public void Apply_GivesTiersWithoutGatesThePresetsGates_AndRejectsUnknownNames()
    {
        List<TierOptions> tiers =
        [
            new() { Name = "faq", Kind = "regex-faq" },
            new() { Name = "haiku", Kind = "anthropic" },
            new() { Name = "sonnet", Kind = "anthropic", Gates = [new GateOptions { Kind = "cut-off" }] },
            new() { Name = "opus", Kind = "anthropic" },
        ];

        CascadePresets.Apply("three-tier", tiers);

        tiers[0].Gates.ShouldBeEmpty();
        tiers[1].Gates.Select(g => g.Kind).ShouldBe(["cut-off", "unsure", "hedging"]);
        tiers[2].Gates.Select(g => g.Kind).ShouldBe(["cut-off"]);
        tiers[3].Gates.ShouldBeEmpty();
        Should.Throw<ArgumentException>(() => CascadePresets.Apply("four-tier", tiers)).Message.ShouldContain("three-tier, self-evaluation");
    }
}
