using Cascade.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using static Cascade.Tests.Cascading.CascadeTestKit;

namespace Cascade.Tests.Cascading;

public sealed class CascadeChatClientTests
{
    [Fact]
    public async Task UseCascade_KeepsTheCheapAnswerWhenAGateAccepts()
    {
        var cheap = TestChatClient.Answering("Paris.", 10, 2);
        var strong = TestChatClient.Answering("Paris, of course.", 10, 4);
        IChatClient client = NewCascade(strong, l => l.Add(Tier("cheap", cheap, Cheap), TestGate.Accepting()));

        ChatResponse response = await client.GetResponseAsync(Ask("Capital of France?"));

        response.Text.ShouldBe("Paris.");
        strong.CallCount.ShouldBe(0);
        CascadeRoute route = response.GetCascadeRoute().ShouldNotBeNull();
        route.ResolvedTier.ShouldBe("cheap");
        route.Attempts.Count.ShouldBe(1);
        route.Attempts[0].Outcome.ShouldBe(AttemptOutcome.Accepted);
        route.Attempts[0].Verdict!.Gate.ShouldBe("accept");
        route.TotalCost.ShouldBe(Cheap.CostOf(10, 2));
        response.Usage!.InputTokenCount.ShouldBe(10);
        response.Usage.OutputTokenCount.ShouldBe(2);
    }

    [Fact]
    public async Task UseCascade_EscalatesWhenGateRejects_AndSumsBilledUsage()
    {
        var cheap = TestChatClient.Answering("I'm not sure, possibly Lyon.", 10, 6);
        var middle = TestChatClient.Answering("Paris.", 12, 2);
        var strong = TestChatClient.Answering("Paris!", 10, 2);
        IChatClient client = NewCascade(strong, l => l
            .Add(Tier("cheap", cheap, Cheap), TestGate.RejectingWhen("not sure"))
            .Add(Tier("middle", middle, Middle), TestGate.RejectingWhen("not sure")));

        ChatResponse response = await client.GetResponseAsync(Ask("Capital of France?"));

        response.Text.ShouldBe("Paris.");
        strong.CallCount.ShouldBe(0);
        CascadeRoute route = response.GetCascadeRoute()!;
        route.ResolvedTier.ShouldBe("middle");
        route.Escalations.ShouldBe(1);
        route.Attempts.Select(a => (a.Tier, a.Kind, a.Outcome)).ShouldBe([
            ("cheap", AttemptKind.Initial, AttemptOutcome.Rejected),
            ("middle", AttemptKind.Escalation, AttemptOutcome.Accepted)]);
        route.Attempts[1].SwitchCause.ShouldBe("test: says 'not sure'");
        route.TotalCost.ShouldBe(Cheap.CostOf(10, 6) + Middle.CostOf(12, 2));
        response.Usage!.InputTokenCount.ShouldBe(22);
        response.Usage.OutputTokenCount.ShouldBe(8);
    }

    [Fact]
    public async Task UseCascade_KeepsTheFinalTiersAnswerWithoutGating()
    {
        var cheap = TestChatClient.Answering("bad");
        var strong = TestChatClient.Answering("bad as well");
        var gate = TestGate.Rejecting();
        IChatClient client = NewCascade(strong, l => l.Add(Tier("cheap", cheap, Cheap), gate));

        ChatResponse response = await client.GetResponseAsync(Ask("q"));

        response.Text.ShouldBe("bad as well");
        gate.Calls.ShouldBe(1);
        CascadeRoute route = response.GetCascadeRoute()!;
        route.ResolvedTier.ShouldBe("strong");
        route.Attempts[^1].Outcome.ShouldBe(AttemptOutcome.Kept);
    }

    [Theory]
    [InlineData(true, "cheap")]
    [InlineData(false, "strong")]
    public async Task Abstention_IsResolvedByTheRule(bool acceptOnAbstention, string expectedTier)
    {
        IChatClient client = NewCascade(
            TestChatClient.Answering("strong"),
            l => l.Add(Tier("cheap", TestChatClient.Answering("cheap"), Cheap), TestGate.Abstaining()),
            c => c.Gating = new GatePipelineOptions { Abstention = acceptOnAbstention ? AbstentionRule.Accept : AbstentionRule.Reject });

        ChatResponse response = await client.GetResponseAsync(Ask("q"));

        response.GetCascadeRoute()!.ResolvedTier.ShouldBe(expectedTier);
        response.GetCascadeRoute()!.Attempts[0].Verdict!.Gate.ShouldBe(GatePipelineResult.PipelineGateName);
    }

    [Fact]
    public async Task Abstention_RuleCanDifferPerWorkload()
    {
        IChatClient client = NewCascade(
            TestChatClient.Answering("strong"),
            l => l.Add(Tier("cheap", TestChatClient.Answering("cheap"), Cheap), TestGate.Abstaining()),
            c => c.Gating.WorkloadAbstention["legal"] = AbstentionRule.Reject);

        ChatResponse general = await client.GetResponseAsync(Ask("q"));
        ChatResponse legal = await client.GetResponseAsync(Ask("q"), With(CascadeOptionKeys.Workload, "legal"));

        general.GetCascadeRoute()!.ResolvedTier.ShouldBe("cheap");
        legal.GetCascadeRoute()!.ResolvedTier.ShouldBe("strong");
        legal.GetCascadeRoute()!.Workload.ShouldBe("legal");
    }

    [Fact]
    public async Task ToolCallTurn_PassesThroughWithoutGating()
    {
        var cheap = new TestChatClient().ThenRespond(ChatResponses.ToolCall("call-1", "get_order_status", new Dictionary<string, object?> { ["orderId"] = "A1" }));
        var gate = TestGate.Rejecting();
        IChatClient client = NewCascade(TestChatClient.Answering("strong"), l => l.Add(Tier("cheap", cheap, Cheap), gate));

        ChatResponse response = await client.GetResponseAsync(Ask("Where is order A1?"));

        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name.ShouldBe("get_order_status");
        gate.Calls.ShouldBe(0);
        response.GetCascadeRoute()!.ResolvedTier.ShouldBe("cheap");
        response.GetCascadeRoute()!.Attempts[0].Verdict!.Reason.ShouldBe("tool call");
    }

    [Fact]
    public async Task PinnedTier_IsCalledAlone()
    {
        var cheap = TestChatClient.Answering("cheap");
        var middle = TestChatClient.Answering("middle");
        IChatClient client = NewCascade(TestChatClient.Answering("strong"), l => l
            .Add(Tier("cheap", cheap, Cheap), TestGate.Rejecting())
            .Add(Tier("middle", middle, Middle), TestGate.Rejecting()));

        ChatResponse response = await client.GetResponseAsync(Ask("q"), With(CascadeOptionKeys.PinnedTier, "middle"));

        response.Text.ShouldBe("middle");
        cheap.CallCount.ShouldBe(0);
        response.GetCascadeRoute()!.Decision!.Mode.ShouldBe(RouteMode.Pinned);
        response.GetCascadeRoute()!.Attempts.Single().Outcome.ShouldBe(AttemptOutcome.Kept);
    }

    [Fact]
    public async Task CallersModelId_DoesNotOverrideTheTiersModels()
    {
        var cheap = TestChatClient.Answering("cheap");
        IChatClient client = NewCascade(TestChatClient.Answering("strong"), l => l.Add(Tier("cheap", cheap, Cheap), TestGate.Accepting()));

        await client.GetResponseAsync(Ask("q"), new ChatOptions { ModelId = "cascade" });

        cheap.Calls.Single().Options?.ModelId.ShouldBeNull();
    }

    [Fact]
    public async Task UnknownPinnedTier_IsAClearError()
    {
        IChatClient client = NewCascade(TestChatClient.Answering("strong"), l => l.Add(Tier("cheap", TestChatClient.Answering("c"), Cheap)));

        InvalidCascadeRequestException error = await Should.ThrowAsync<InvalidCascadeRequestException>(() => client.GetResponseAsync(Ask("q"), With(CascadeOptionKeys.PinnedTier, "gpt-9")));

        error.Message.ShouldContain("'gpt-9' is not on the ladder");
        error.Message.ShouldContain("cheap, strong");
    }

    [Fact]
    public async Task UpfrontDecision_GoesStraightToItsTier()
    {
        var cheap = TestChatClient.Answering("cheap");
        var middle = TestChatClient.Answering("middle");
        IChatClient client = NewCascade(TestChatClient.Answering("strong"), l => l
            .Add(Tier("cheap", cheap, Cheap), TestGate.Accepting())
            .Add(Tier("middle", middle, Middle), TestGate.Accepting()),
            c => c.Planner.Upfront = new UpfrontRoutingOptions { WorkloadTiers = { ["code"] = "middle" } });

        ChatResponse response = await client.GetResponseAsync(Ask("q"), With(CascadeOptionKeys.Workload, "code"));

        response.Text.ShouldBe("middle");
        cheap.CallCount.ShouldBe(0);
        response.GetCascadeRoute()!.Decision!.ShouldBe(new RouteDecision(RouteMode.Upfront, "middle", 1.0, "workload 'code' routes to tier 'middle'"));
    }

    [Fact]
    public async Task FaqTier_AnswersForFreeOnAMatch_AndIsSkippedWithoutAnAttemptOnAMiss()
    {
        var faq = new RegexFaqChatClient([new FaqEntry(@"(business|office)\s*hours?", "Monday to Friday, 9 to 6.")]);
        var cheap = TestChatClient.Answering("cheap answer");
        IChatClient client = NewCascade(TestChatClient.Answering("strong"), l => l
            .Add(new Tier("faq", [new Deployment("faq", RegexFaqChatClient.ProviderName, "regex-faq", faq, PriceTable.Free)]))
            .Add(Tier("cheap", cheap, Cheap), TestGate.Accepting()));

        ChatResponse hit = await client.GetResponseAsync(Ask("What are your business hours?"));
        ChatResponse miss = await client.GetResponseAsync(Ask("How do I sort a list in Python?"));

        hit.Text.ShouldBe("Monday to Friday, 9 to 6.");
        hit.GetCascadeRoute()!.ResolvedTier.ShouldBe("faq");
        hit.GetCascadeRoute()!.TotalCost.ShouldBe(0m);
        hit.GetCascadeRoute()!.Attempts.Single().Billed.ShouldBeFalse();
        cheap.CallCount.ShouldBe(1);
        miss.Text.ShouldBe("cheap answer");
        miss.GetCascadeRoute()!.Attempts.Single().Tier.ShouldBe("cheap");
        miss.GetCascadeRoute()!.Attempts.Single().Kind.ShouldBe(AttemptKind.Initial);
        miss.GetCascadeRoute()!.Decision!.Reason.ShouldBe("no pattern of 'faq' matched");
    }

    [Fact]
    public async Task UnavailableTier_MovesUpAsAReliabilityFallback_NotAnEscalation()
    {
        var cheap = TestChatClient.Failing(new HttpRequestException("connection refused"));
        IChatClient client = NewCascade(TestChatClient.Answering("strong"), l => l.Add(Tier("cheap", cheap, Cheap), TestGate.Accepting()));

        ChatResponse response = await client.GetResponseAsync(Ask("q"));

        CascadeRoute route = response.GetCascadeRoute()!;
        route.ResolvedTier.ShouldBe("strong");
        route.Escalations.ShouldBe(0);
        route.Fallbacks.ShouldBe(1);
        route.Attempts[0].Outcome.ShouldBe(AttemptOutcome.Failed);
        route.Attempts[0].Billed.ShouldBeFalse();
    }

    [Fact]
    public async Task CostCeiling_StopsBeforeTheEscalation_AndReturnsTheBestAnswer()
    {
        var cheap = TestChatClient.Answering("I'm not sure.", 10, 4);
        var strong = TestChatClient.Answering("strong");
        var limits = new RequestLimits { MaxCost = 0.001m };
        IChatClient client = NewCascade(strong, l => l.Add(Tier("cheap", cheap, Cheap), TestGate.RejectingWhen("not sure")),
            c => c.DefaultLimits = limits, finalPrice: PriceTable.WithAnthropicCaching(500, 2500));

        ChatResponse response = await client.GetResponseAsync(Ask("q"), new ChatOptions { MaxOutputTokens = 100 });

        strong.CallCount.ShouldBe(0);
        response.Text.ShouldBe("I'm not sure.");
        CascadeRoute route = response.GetCascadeRoute()!;
        route.StopReason.ShouldNotBeNull().ShouldContain("Cost ceiling");
        route.ResolvedTier.ShouldBe("cheap");
        route.TotalCost.ShouldBeLessThanOrEqualTo(limits.MaxCost!.Value);
    }

    [Fact]
    public async Task CostCeiling_WithThrowBehaviour_ThrowsAndCarriesTheRoute()
    {
        var strong = TestChatClient.Answering("strong");
        IChatClient client = NewCascade(strong, l => l.Add(Tier("cheap", TestChatClient.Answering("bad"), Cheap), TestGate.Rejecting()),
            finalPrice: PriceTable.WithAnthropicCaching(500, 2500));
        ChatOptions options = With(CascadeOptionKeys.Limits, new RequestLimits { MaxCost = 0.001m, OnExceeded = BudgetStopBehavior.Throw });
        options.MaxOutputTokens = 100;

        BudgetExceededException error = await Should.ThrowAsync<BudgetExceededException>(() => client.GetResponseAsync(Ask("q"), options));

        error.Ceiling.ShouldBe(BudgetCeiling.Cost);
        strong.CallCount.ShouldBe(0);
        error.Route.ShouldNotBeNull().Attempts.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ModelCallCap_CountsEveryCall()
    {
        var strong = TestChatClient.Answering("strong");
        IChatClient client = NewCascade(strong, l => l
            .Add(Tier("a", TestChatClient.Answering("a"), Cheap), TestGate.Rejecting())
            .Add(Tier("b", TestChatClient.Answering("b"), Cheap), TestGate.Rejecting()),
            c => c.DefaultLimits = new RequestLimits { MaxModelCalls = 2 });

        ChatResponse response = await client.GetResponseAsync(Ask("q"));

        strong.CallCount.ShouldBe(0);
        response.Text.ShouldBe("b");
        response.GetCascadeRoute()!.StopReason!.ShouldContain("ModelCalls");
    }

    [Fact]
    public async Task Deadline_StopsAHungTier()
    {
        var time = new FakeTimeProvider();
        var hung = new TestChatClient { TimeProvider = time }.ThenHang();
        IChatClient client = NewCascade(TestChatClient.Answering("strong"), l => l.Add(Tier("cheap", hung, Cheap), TestGate.Accepting()), c =>
        {
            c.TimeProvider = time;
            c.DefaultLimits = new RequestLimits { Timeout = TimeSpan.FromSeconds(5) };
        });

        Task<ChatResponse> pending = client.GetResponseAsync(Ask("q"));
        await Task.Yield();
        pending.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(5));

        BudgetExceededException error = await Should.ThrowAsync<BudgetExceededException>(() => pending);
        error.Ceiling.ShouldBe(BudgetCeiling.Deadline);
        error.Route!.Attempts.Single().Outcome.ShouldBe(AttemptOutcome.Cancelled);
    }

    [Fact]
    public async Task CallerCancellation_Propagates()
    {
        var time = new FakeTimeProvider();
        var hung = new TestChatClient { TimeProvider = time }.ThenHang();
        IChatClient client = NewCascade(TestChatClient.Answering("strong"), l => l.Add(Tier("cheap", hung, Cheap)));
        using var cts = new CancellationTokenSource();

        Task<ChatResponse> pending = client.GetResponseAsync(Ask("q"), cancellationToken: cts.Token);
        await cts.CancelAsync();

        OperationCanceledException cancelled = await CaughtAsync(pending);
        cancelled.GetCascadeRoute().ShouldNotBeNull().Attempts.Single().Outcome.ShouldBe(AttemptOutcome.Cancelled);
    }

    // Awaited, not handed to Should.ThrowAsync: a cancelled task's awaiter rethrows the exception the cascade threw, with its route.
    private static async Task<OperationCanceledException> CaughtAsync(Task pending)
    {
        try
        {
            await pending;
        }
        catch (OperationCanceledException ex)
        {
            return ex;
        }

        throw new ShouldAssertException("The request was not cancelled.");
    }

    [Fact]
    public async Task Escalation_HandsATrimmedConversationToTheNextTier()
    {
        var cheap = TestChatClient.Answering("UNSURE: no idea");
        var strong = TestChatClient.Answering("answer");
        IChatClient client = NewCascade(strong, l => l.Add(Tier("cheap", cheap, Cheap), TestGate.RejectingWhen("UNSURE")),
            c => c.Handoff = new HandoffOptions { Mode = HandoffMode.LastTurns, Turns = 1 });
        List<ChatMessage> conversation =
        [
            new(ChatRole.System, "You are a support agent."),
            new(ChatRole.User, "Hello."),
            new(ChatRole.Assistant, "Hi! How can I help?"),
            new(ChatRole.User, "Why was I charged twice?"),
        ];

        await client.GetResponseAsync(conversation);

        cheap.Calls.Single().Messages.Count.ShouldBe(4);
        strong.Calls.Single().Messages.Select(m => m.Text).ShouldBe(["You are a support agent.", "Why was I charged twice?"]);
    }

    [Fact]
    public async Task PromptOverEveryContextWindow_IsRefusedBeforeAnyCall()
    {
        var cheap = TestChatClient.Answering("cheap");
        var strongTier = Tier("strong", TestChatClient.Answering("strong"), Strong, contextWindow: 50);
        IChatClient client = new ChatClientBuilder(new TierChatClient(strongTier))
            .UseCascade(new CascadeLadder().Add(Tier("cheap", cheap, Cheap, contextWindow: 20)))
            .Build();

        InvalidCascadeRequestException error = await Should.ThrowAsync<InvalidCascadeRequestException>(() => client.GetResponseAsync(Ask(string.Join(' ', Enumerable.Repeat("word", 200)))));

        error.Message.ShouldContain("largest context window");
        cheap.CallCount.ShouldBe(0);
    }

    [Fact]
    public async Task PromptOverTheCheapTiersWindow_StartsAtALargerTier()
    {
        var cheap = TestChatClient.Answering("cheap");
        var strongTier = Tier("strong", TestChatClient.Answering("strong"), Strong, contextWindow: 100_000);
        IChatClient client = new ChatClientBuilder(new TierChatClient(strongTier))
            .UseCascade(new CascadeLadder().Add(Tier("cheap", cheap, Cheap, contextWindow: 20)))
            .Build();

        ChatResponse response = await client.GetResponseAsync(Ask(string.Join(' ', Enumerable.Repeat("word", 200))));

        response.Text.ShouldBe("strong");
        cheap.CallCount.ShouldBe(0);
        response.GetCascadeRoute()!.Decision!.Reason.ShouldBe("the prompt does not fit tier 'cheap'");
    }

    [Fact]
    public async Task AttemptLog_IsWrittenToTheStateStore()
    {
        var store = new InMemoryCascadeStateStore();
        IChatClient client = NewCascade(TestChatClient.Answering("strong"), l => l.Add(Tier("cheap", TestChatClient.Answering("bad"), Cheap), TestGate.Rejecting()),
            c => c.StateStore = store);

        ChatResponse response = await client.GetResponseAsync(Ask("q"), With(CascadeOptionKeys.RequestId, "req-42"));

        IReadOnlyList<AttemptRecord> logged = await store.GetAttemptsAsync("req-42");
        logged.Select(a => a.Tier).ShouldBe(["cheap", "strong"]);
        logged[0].Verdict!.Gate.ShouldBe("reject");
        response.GetCascadeRoute()!.RequestId.ShouldBe("req-42");
    }
}
