using System.Runtime.CompilerServices;
using Cascade.Testing;
using Microsoft.Extensions.AI;
using static Cascade.Tests.Cascading.CascadeTestKit;

namespace Cascade.Tests.Cascading;

public sealed class CascadeStreamingTests
{
    [Fact]
    public async Task BufferAndGate_RejectedAnswerNeverReachesTheCaller()
    {
        var cheap = TestChatClient.Answering("I'm not sure about that.", 10, 6);
        var strong = TestChatClient.Answering("It ships in two days.", 10, 6);
        IChatClient client = NewCascade(strong, l => l.Add(Tier("cheap", cheap, Cheap), TestGate.RejectingWhen("not sure")));

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync(Ask("When does it ship?")).ToListAsync();

        string.Concat(updates.Select(u => u.Text)).ShouldBe("It ships in two days.");
        CascadeRoute route = updates[^1].GetCascadeRoute().ShouldNotBeNull();
        route.ResolvedTier.ShouldBe("strong");
        route.Escalations.ShouldBe(1);
        updates.SelectMany(u => u.Contents).OfType<UsageContent>().Single().Details.InputTokenCount.ShouldBe(20);
        cheap.Calls.Single().Streaming.ShouldBeFalse();
        strong.Calls.Single().Streaming.ShouldBeTrue();
    }

    [Fact]
    public async Task BufferAndGate_AcceptedAnswerIsReplayed()
    {
        var cheap = TestChatClient.Answering("Two days.", 10, 3);
        IChatClient client = NewCascade(TestChatClient.Answering("strong"), l => l.Add(Tier("cheap", cheap, Cheap), TestGate.Accepting()));

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync(Ask("q")).ToListAsync();

        string.Concat(updates.Select(u => u.Text)).ShouldBe("Two days.");
        updates[^1].GetCascadeRoute()!.ResolvedTier.ShouldBe("cheap");
    }

    [Fact]
    public async Task StreamWithEarlyReject_RejectsOnTheFirstSentence_AndEscalatesBeforeAnyOutput()
    {
        var cheap = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, ct) => Words(ct, "I'm not sure. ", "Maybe ", "Tuesday, ", "maybe ", "not.") };
        var strong = TestChatClient.Answering("Tuesday.", 10, 2);
        var hedging = TestGate.RejectingWhen("not sure");
        IChatClient client = NewCascade(strong, l => l.Add(
            new CascadeRung(Tier("cheap", cheap, Cheap), streamingMode: TierStreamingMode.StreamWithEarlyReject) { PrefixGates = [hedging] }));

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync(Ask("When?")).ToListAsync();

        string.Concat(updates.Select(u => u.Text)).ShouldBe("Tuesday.");
        CascadeRoute route = updates[^1].GetCascadeRoute()!;
        route.Attempts[0].Outcome.ShouldBe(AttemptOutcome.Rejected);
        route.Attempts[0].Billed.ShouldBeTrue();
        route.Attempts[0].Usage.IsEstimated.ShouldBeTrue();
        route.Attempts[0].Usage.OutputTokens.ShouldBeGreaterThan(0);
        route.Attempts[1].Kind.ShouldBe(AttemptKind.Escalation);
        route.Attempts[1].SwitchCause!.ShouldContain("first sentence");
    }

    [Fact]
    public async Task StreamWithEarlyReject_StreamsTheRestOnceTheFirstSentencePasses()
    {
        var cheap = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, ct) => Words(ct, "It ships ", "Tuesday. ", "Tracking ", "follows.") };
        var strong = TestChatClient.Answering("strong");
        IChatClient client = NewCascade(strong, l => l.Add(
            new CascadeRung(Tier("cheap", cheap, Cheap), streamingMode: TierStreamingMode.StreamWithEarlyReject) { PrefixGates = [TestGate.RejectingWhen("not sure")] }));

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync(Ask("When?")).ToListAsync();

        string.Concat(updates.Select(u => u.Text)).ShouldBe("It ships Tuesday. Tracking follows.");
        strong.CallCount.ShouldBe(0);
        CascadeRoute route = updates[^1].GetCascadeRoute()!;
        route.ResolvedTier.ShouldBe("cheap");
        route.Attempts.Single().Outcome.ShouldBe(AttemptOutcome.Accepted);
    }

    [Fact]
    public async Task CommittedStream_ThatFails_EndsWithTheError_AndNoSecondPaidAnswerStarts()
    {
        var cheap = TestChatClient.Answering("cheap");
        var strong = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, ct) => WordsThenFail(ct, "The ", "answer ", "is ") };
        IChatClient client = NewCascade(strong, l => l.Add(Tier("cheap", cheap, Cheap), TestGate.Rejecting()));
        List<ChatResponseUpdate> updates = [];

        TierFailedException failure = await Should.ThrowAsync<TierFailedException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(Ask("q")))
            {
                updates.Add(update);
            }
        });

        string.Concat(updates.Select(u => u.Text)).ShouldBe("The answer is ");
        updates.ShouldAllBe(u => u.FinishReason == null, "a cut answer never ends with a finish reason");
        failure.OutputStarted.ShouldBeTrue();
        CascadeRoute route = failure.GetCascadeRoute()!;
        route.StopReason!.ShouldStartWith("the stream failed after output reached the caller");
        strong.CallCount.ShouldBe(1);
        cheap.CallCount.ShouldBe(1);
        route.Attempts[^1].Billed.ShouldBeTrue();
        route.Attempts[^1].Outcome.ShouldBe(AttemptOutcome.Failed);
        route.TotalCost.ShouldBe(route.Attempts.Where(a => a.Billed).Sum(a => a.Cost));
    }

    [Fact]
    public async Task StreamDirect_FailureBeforeAnyOutput_MovesToTheNextTier()
    {
        var cheap = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, ct) => WordsThenFail(ct) };
        var strong = TestChatClient.Answering("strong answer");
        IChatClient client = NewCascade(strong, l => l.Add(new CascadeRung(Tier("cheap", cheap, Cheap), streamingMode: TierStreamingMode.StreamDirect)));

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync(Ask("q")).ToListAsync();

        string.Concat(updates.Select(u => u.Text)).ShouldBe("strong answer");
        CascadeRoute route = updates[^1].GetCascadeRoute()!;
        route.Fallbacks.ShouldBe(1);
        route.Attempts[0].Billed.ShouldBeFalse();
    }

    [Fact]
    public async Task CallerThatStopsReading_StillLeavesTheAttemptsInTheLog()
    {
        var store = new InMemoryCascadeStateStore();
        var strong = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, ct) => Words(ct, "one ", "two ", "three ", "four.") };
        IChatClient client = NewCascade(strong, l => l.Add(Tier("cheap", TestChatClient.Answering("bad"), Cheap), TestGate.Rejecting()), c => c.StateStore = store);

        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(Ask("q"), With(CascadeOptionKeys.RequestId, "gone-1")))
        {
            if (update.Text == "two ")
            {
                break;
            }
        }

        IReadOnlyList<AttemptRecord> log = await store.GetAttemptsAsync("gone-1");
        log.Select(a => a.Tier).ShouldBe(["cheap", "strong"]);
        log[1].Billed.ShouldBeTrue();
        log[1].Usage.OutputTokens.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task CallerCancellingMidStream_GetsTheRouteWithTheBilledPartialOnTheException()
    {
        var strong = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, ct) => Words(ct, "one ", "two ", "three ", "four.") };
        IChatClient client = NewCascade(strong, l => l.Add(Tier("cheap", TestChatClient.Answering("bad"), Cheap), TestGate.Rejecting()));
        using var cts = new CancellationTokenSource();

        OperationCanceledException? cancelled = null;
        try
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(Ask("q"), cancellationToken: cts.Token))
            {
                if (update.Text == "two ")
                {
                    await cts.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException ex)
        {
            // Caught here, not by Should.ThrowAsync, which reports a cancelled task with an exception of its own.
            cancelled = ex;
        }

        CascadeRoute route = cancelled.ShouldNotBeNull().GetCascadeRoute().ShouldNotBeNull();
        route.Attempts.Select(a => (a.Tier, a.Outcome)).ShouldBe([("cheap", AttemptOutcome.Rejected), ("strong", AttemptOutcome.Cancelled)]);
        route.Attempts[1].Billed.ShouldBeTrue();
        route.TotalCost.ShouldBe(route.Attempts.Where(a => a.Billed).Sum(a => a.Cost));
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Words([EnumeratorCancellation] CancellationToken cancellationToken, params string[] words)
    {
        foreach (string word in words)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, word);
        }

        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, FinishReason = ChatFinishReason.Stop, Contents = [new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = words.Length })] };
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> WordsThenFail([EnumeratorCancellation] CancellationToken cancellationToken, params string[] words)
    {
        foreach (string word in words)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, word);
        }

        throw new HttpRequestException("connection reset");
    }
}
