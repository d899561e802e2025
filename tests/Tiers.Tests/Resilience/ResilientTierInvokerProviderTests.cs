using System.Net;
using System.Net.Sockets;
using Cascade.Tests.Failures;
using Microsoft.Extensions.AI;
using static Cascade.Tests.Failures.FakeProviderServer;

namespace Cascade.Tests.Resilience;

/// <summary>
/// Drives the real Anthropic SDK and the MEAI OpenAI client through the resilient invoker against a local server that
/// answers in each failure shape, and checks the cause, the table's decision and the upstream calls counted at the server.
/// </summary>
public sealed class ResilientTierInvokerProviderTests : IAsyncLifetime
{
    private static readonly ChatMessage[] s_messages = [new(ChatRole.User, "Where is my order 1234?")];

    private FakeProviderServer _primary = null!;
    private FakeProviderServer _secondary = null!;

    public async ValueTask InitializeAsync()
    {
        _primary = await StartAsync(Text("from primary"));
        _secondary = await StartAsync(Text("from secondary", inputTokens: 20, outputTokens: 7));
    }

    public async ValueTask DisposeAsync()
    {
        await _primary.DisposeAsync();
        await _secondary.DisposeAsync();
    }

    public static TheoryData<Protocol, bool, string> Scenarios()
    {
        var data = new TheoryData<Protocol, bool, string>();
        foreach (Protocol protocol in Enum.GetValues<Protocol>())
        {
            foreach (bool streaming in new[] { false, true })
            {
                foreach (string scenario in s_scenarios.Keys)
                {
                    data.Add(protocol, streaming, scenario);
                }
            }
        }

        return data;
    }

    private static readonly Dictionary<string, (Reply[] Script, FailureCause Cause, bool Billed, int PrimaryCalls, int SecondaryCalls, TierFailureAction? Action, string? Answer)> s_scenarios = new()
    {
        ["429 then success: one retry of the same deployment"] = ([RateLimited("0"), Text("from primary")], FailureCause.RateLimited, false, 2, 0, null, "from primary"),
        ["500: fallback to the next deployment"] = ([ServerError()], FailureCause.ServerError, false, 1, 1, null, "from secondary"),
        ["529 / 503 overloaded: fallback"] = ([Overloaded()], FailureCause.Overloaded, false, 1, 1, null, "from secondary"),
        ["400: stop"] = ([BadRequest()], FailureCause.InvalidRequest, false, 1, 0, TierFailureAction.Stop, null),
        ["401: stop"] = ([Unauthorized()], FailureCause.Authentication, false, 1, 0, TierFailureAction.Stop, null),
        ["403: stop"] = ([Forbidden()], FailureCause.Authentication, false, 1, 0, TierFailureAction.Stop, null),
        ["404: stop"] = ([NotFound()], FailureCause.InvalidRequest, false, 1, 0, TierFailureAction.Stop, null),
        ["prompt too long: larger-context tier"] = ([PromptTooLong()], FailureCause.ContextTooLong, false, 1, 0, TierFailureAction.TryLargerContextTier, null),
        ["connection reset after send: fallback"] = ([Reset()], FailureCause.ConnectionFailedAfterSend, false, 1, 1, null, "from secondary"),
        ["empty answer: billed, fallback"] = ([Empty()], FailureCause.EmptyAnswer, true, 1, 1, null, "from secondary"),
        ["refusal: billed, stop"] = ([Refusal()], FailureCause.ContentRefusal, true, 1, 0, TierFailureAction.Stop, null),
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task EachFailureIsClassifiedAndGetsItsTableDecision(Protocol protocol, bool streaming, string scenario)
    {
        var (script, cause, billed, primaryCalls, secondaryCalls, action, answer) = s_scenarios[scenario];
        _primary.Script(script);
        var ledger = new RequestLedger();
        TierRequest request = Request(protocol, ledger);

        string? text = null;
        TierFailedException? failure = null;
        try
        {
            text = await RunAsync(NewInvoker(), request, streaming);
        }
        catch (TierFailedException ex)
        {
            failure = ex;
        }

        _primary.Calls.ShouldBe(primaryCalls);
        _secondary.Calls.ShouldBe(secondaryCalls);
        AttemptRecord first = ledger.Attempts[0];
        first.Failure.ShouldBe(cause);
        first.Outcome.ShouldBe(AttemptOutcome.Failed);
        first.Billed.ShouldBe(billed);
        first.Kind.ShouldBe(AttemptKind.Initial);
        ledger.Attempts.Count.ShouldBe(primaryCalls + secondaryCalls);
        if (action is { } expectedAction)
        {
            failure.ShouldNotBeNull().Cause.ShouldBe(cause);
            failure.Action.ShouldBe(expectedAction);
            failure.OutputStarted.ShouldBeFalse();
        }
        else
        {
            failure.ShouldBeNull();
            text.ShouldBe(answer);
            AttemptRecord last = ledger.Attempts[^1];
            last.Outcome.ShouldBe(AttemptOutcome.Kept);
            last.Kind.ShouldBe(primaryCalls == 2 ? AttemptKind.Retry : AttemptKind.Fallback);
            last.SwitchCause.ShouldBe(cause.ToName());
            last.Usage.ShouldBe(primaryCalls == 2 ? new TokenUsage(12, 5) : new TokenUsage(20, 7));
        }

        ledger.TotalCost.ShouldBe(ledger.Attempts.Where(a => a.Billed).Sum(a => a.Cost));
    }

    [Theory]
    [InlineData(Protocol.Anthropic)]
    [InlineData(Protocol.OpenAI)]
    public async Task RateLimitedTwice_GivesUpWithoutStackingAFallback(Protocol protocol)
    {
        _primary.Script(RateLimited("0"));
        var ledger = new RequestLedger();

        var ex = await Should.ThrowAsync<TierFailedException>(() => NewInvoker().GetResponseAsync(Request(protocol, ledger)));

        ex.Cause.ShouldBe(FailureCause.RateLimited);
        ex.Action.ShouldBe(TierFailureAction.TryNextTier);
        _primary.Calls.ShouldBe(2);
        _secondary.Calls.ShouldBe(0);
        ledger.Attempts.Select(a => a.Kind).ShouldBe([AttemptKind.Initial, AttemptKind.Retry]);
    }

    [Theory]
    [InlineData(Protocol.Anthropic)]
    [InlineData(Protocol.OpenAI)]
    public async Task RetryAfter_IsHonoured(Protocol protocol)
    {
        _primary.Script(RateLimited("3"), Text("from primary"));
        var time = new TimerRecordingTimeProvider();
        var ledger = new RequestLedger(timeProvider: time);
        var options = new ReliabilityOptions { Retry = { BaseDelay = TimeSpan.FromSeconds(1), MaxJitter = TimeSpan.Zero, RetryAfterCap = TimeSpan.FromSeconds(10) } };

        Task<TierResponse> call = NewInvoker(options, time).GetResponseAsync(Request(protocol, ledger));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        _primary.Calls.ShouldBe(1);
        time.DueTimes.ShouldNotContain(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(3));
        TierResponse response = await call;

        response.Response.Text.ShouldBe("from primary");
        _primary.Calls.ShouldBe(2);
        ledger.Attempts.Select(a => (a.Kind, a.Outcome)).ShouldBe([(AttemptKind.Initial, AttemptOutcome.Failed), (AttemptKind.Retry, AttemptOutcome.Kept)]);
        ledger.Attempts[1].StartedAt.ShouldBe(ledger.Attempts[0].StartedAt + TimeSpan.FromSeconds(3));
    }

    [Theory]
    [InlineData(Protocol.Anthropic)]
    [InlineData(Protocol.OpenAI)]
    public async Task RetryAfter_BeyondTheCap_SkipsTheRetryAndFallsBack(Protocol protocol)
    {
        _primary.Script(RateLimited("45"), Text("from primary"));
        var time = new TimerRecordingTimeProvider();
        var ledger = new RequestLedger(timeProvider: time);
        var options = new ReliabilityOptions { Retry = { RetryAfterCap = TimeSpan.FromSeconds(10) } };

        TierResponse response = await NewInvoker(options, time).GetResponseAsync(Request(protocol, ledger));

        response.Response.Text.ShouldBe("from secondary");
        _primary.Calls.ShouldBe(1);
        _secondary.Calls.ShouldBe(1);
        time.DueTimes.ShouldNotContain(TimeSpan.FromSeconds(45));
        ledger.Attempts.Select(a => a.Kind).ShouldBe([AttemptKind.Initial, AttemptKind.Fallback]);
        ledger.Attempts[1].SwitchCause.ShouldBe("rate_limited");
    }

    [Theory]
    [InlineData(Protocol.Anthropic)]
    [InlineData(Protocol.OpenAI)]
    public async Task RetryAfter_IsReadWithoutTheObserverFromTheOpenAIRawResponse(Protocol protocol)
    {
        // Without the observer only the OpenAI SDK exposes headers (ClientResultException.GetRawResponse()).
        _primary.Script(RateLimited("30"), Text("from primary"));
        var time = new TimerRecordingTimeProvider();
        var ledger = new RequestLedger(timeProvider: time);
        var tier = new Tier("haiku", [
            new Deployment("primary", "p", ProviderClients.ModelOf(protocol), ProviderClients.Create(protocol, _primary.Url, observer: null), ProviderClients.Price),
            ProviderClients.Deployment("secondary", protocol, _secondary.Url)]);
        var options = new ReliabilityOptions { Retry = { BaseDelay = TimeSpan.Zero, MaxJitter = TimeSpan.Zero, RetryAfterCap = TimeSpan.FromSeconds(10) } };

        TierResponse response = await NewInvoker(options, time).GetResponseAsync(new TierRequest(tier, s_messages, null, ledger));

        // OpenAI: Retry-After 30 s is over the cap, so it falls back. Anthropic: no header is visible, so it backs off and retries.
        response.Response.Text.ShouldBe(protocol == Protocol.OpenAI ? "from secondary" : "from primary");
        _primary.Calls.ShouldBe(protocol == Protocol.OpenAI ? 1 : 2);
    }

    [Theory]
    [InlineData(Protocol.Anthropic, false)]
    [InlineData(Protocol.Anthropic, true)]
    [InlineData(Protocol.OpenAI, false)]
    [InlineData(Protocol.OpenAI, true)]
    public async Task Hang_TimesOutBeforeResponse_UnbilledAndFallsBack(Protocol protocol, bool streaming)
    {
        _primary.Script(Hang());
        var time = new TimerRecordingTimeProvider();
        var ledger = new RequestLedger(timeProvider: time);
        var options = new ReliabilityOptions { AttemptTimeout = TimeSpan.FromSeconds(20) };

        Task<string> call = RunAsync(NewInvoker(options, time), Request(protocol, ledger), streaming);
        await _primary.WaitForCallsAsync(1);
        time.Advance(TimeSpan.FromSeconds(20));
        string text = await call;

        text.ShouldBe("from secondary");
        await _primary.ClientAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        AttemptRecord timedOut = ledger.Attempts[0];
        timedOut.Failure.ShouldBe(FailureCause.TimeoutBeforeResponse);
        timedOut.Billed.ShouldBeFalse();
        timedOut.Cost.ShouldBe(0m);
        timedOut.Duration.ShouldBe(TimeSpan.FromSeconds(20));
        ledger.Attempts[1].Kind.ShouldBe(AttemptKind.Fallback);
        _secondary.Calls.ShouldBe(1);
    }

    [Theory]
    [InlineData(Protocol.Anthropic)]
    [InlineData(Protocol.OpenAI)]
    public async Task RefusedConnection_IsRetriedOnceThenTheTierGivesUp(Protocol protocol)
    {
        string deadUrl = $"http://127.0.0.1:{FreePort()}";
        var ledger = new RequestLedger();
        var tier = new Tier("haiku", [ProviderClients.Deployment("primary", protocol, deadUrl), ProviderClients.Deployment("secondary", protocol, _secondary.Url)]);

        var ex = await Should.ThrowAsync<TierFailedException>(() => NewInvoker().GetResponseAsync(new TierRequest(tier, s_messages, null, ledger)));

        ex.Cause.ShouldBe(FailureCause.ConnectionFailedBeforeSend);
        ex.Action.ShouldBe(TierFailureAction.TryNextTier);
        ledger.Attempts.Select(a => (a.Kind, a.Failure, a.Billed)).ShouldBe([
            (AttemptKind.Initial, FailureCause.ConnectionFailedBeforeSend, false),
            (AttemptKind.Retry, FailureCause.ConnectionFailedBeforeSend, false)]);
        _secondary.Calls.ShouldBe(0);
    }

    [Theory]
    [InlineData(Protocol.Anthropic)]
    [InlineData(Protocol.OpenAI)]
    public async Task RefusalFallback_IsOptIn(Protocol protocol)
    {
        _primary.Script(Refusal());
        var ledger = new RequestLedger();
        var options = NoDelays();
        options.Failures.FallbackOnRefusal = true;

        TierResponse response = await NewInvoker(options).GetResponseAsync(Request(protocol, ledger));

        response.Response.Text.ShouldBe("from secondary");
        ledger.Attempts.Select(a => a.Failure).ShouldBe([FailureCause.ContentRefusal, null]);
    }

    // ---- Billing ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(Protocol.Anthropic, false)]
    [InlineData(Protocol.OpenAI, true)]
    public async Task PromptTooLong_GoesToTheTiersLargerWindowDeployment_AndSkipsSmallerOnes(Protocol protocol, bool streaming)
    {
        _primary.Script(PromptTooLong());
        await using FakeProviderServer small = await StartAsync(Text("from the small one"));
        var ledger = new RequestLedger();
        var tier = new Tier("haiku",
        [
            Windowed(ProviderClients.Deployment("primary", protocol, _primary.Url), 100_000),
            Windowed(ProviderClients.Deployment("small", protocol, small.Url), 50_000),
            Windowed(ProviderClients.Deployment("secondary", protocol, _secondary.Url), 200_000),
        ]);

        static Deployment Windowed(Deployment deployment, int window)
        {
            deployment.ContextWindow = window;
            return deployment;
        }

        string text = await RunAsync(NewInvoker(), new TierRequest(tier, s_messages, null, ledger), streaming);

        text.ShouldBe("from secondary");
        small.Calls.ShouldBe(0, "a deployment no larger than the one that was too small is not tried");
        ledger.Attempts.Select(a => (a.Deployment, a.Kind, a.Failure)).ShouldBe(
            [("primary", AttemptKind.Initial, FailureCause.ContextTooLong), ("secondary", AttemptKind.Fallback, null)]);
    }

    [Theory]
    [InlineData(Protocol.Anthropic)]
    [InlineData(Protocol.OpenAI)]
    public async Task StreamedAttempt_RecordsTheProvidersUsageEvent_NotAnEstimate(Protocol protocol)
    {
        // Far from anything a tokenizer would count for this prompt and these two chunks.
        _primary.Script(Chunks(111, 222, "Your order 1234", " left our warehouse."));
        var ledger = new RequestLedger();

        List<ChatResponseUpdate> updates = await NewInvoker().GetStreamingResponseAsync(Request(protocol, ledger)).ToListAsync();

        updates.ToChatResponse().Text.ShouldBe("Your order 1234 left our warehouse.");
        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.Usage.IsEstimated.ShouldBeFalse();
        attempt.Usage.TotalInputTokens.ShouldBe(111);
        attempt.Usage.OutputTokens.ShouldBe(222);
        attempt.Cost.ShouldBe(ProviderClients.Price.CostOf(attempt.Usage));
    }

    [Theory]
    [InlineData(Protocol.Anthropic)]
    [InlineData(Protocol.OpenAI)]
    public async Task CutOffStream_LeavesABilledAttemptWithTheTokensTheServerSent(Protocol protocol)
    {
        string[] chunks = ["Your order 1234", " left our warehouse", " yesterday and"];
        _primary.Script(CutStreamWhenSignalled(12, chunks));
        var ledger = new RequestLedger();
        var received = new List<ChatResponseUpdate>();

        var ex = await Should.ThrowAsync<TierFailedException>(async () =>
        {
            await foreach (ChatResponseUpdate update in NewInvoker().GetStreamingResponseAsync(Request(protocol, ledger)))
            {
                received.Add(update);
                if (received.ToChatResponse().Text == string.Concat(chunks))
                {
                    _primary.CutSignal.TrySetResult();
                }
            }
        });

        ex.OutputStarted.ShouldBeTrue();
        ex.Cause.ShouldBe(FailureCause.ConnectionFailedAfterSend);
        _secondary.Calls.ShouldBe(0);
        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.Outcome.ShouldBe(AttemptOutcome.Failed);
        attempt.Billed.ShouldBeTrue();
        attempt.Usage.IsEstimated.ShouldBeTrue();
        attempt.Usage.OutputTokens.ShouldBe(TokenCounter.Default.Count(_primary.Served.Single().SentText));
        attempt.Usage.InputTokens.ShouldBe(TokenCounter.Default.CountInput(s_messages));
        attempt.Cost.ShouldBe(ProviderClients.Price.CostOf(attempt.Usage));
        attempt.Cost.ShouldBeGreaterThan(0m);
        ledger.TotalCost.ShouldBe(attempt.Cost);
    }

    [Theory]
    [InlineData(Protocol.Anthropic)]
    [InlineData(Protocol.OpenAI)]
    public async Task TimeoutAfterAcceptance_IsBilledAndFallsBackWithoutRetrying(Protocol protocol)
    {
        var headersSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _primary.Script(HeadersThenHang());
        var time = new TimerRecordingTimeProvider();
        var ledger = new RequestLedger(timeProvider: time);
        var observer = new ProviderResponseObserver { OnResponseHeaders = _ => headersSeen.TrySetResult() };
        var tier = new Tier("haiku", [ProviderClients.Deployment("primary", protocol, _primary.Url, observer), ProviderClients.Deployment("secondary", protocol, _secondary.Url)]);

        ReliabilityOptions options = NoDelays();
        options.AttemptTimeout = TimeSpan.FromSeconds(45);

        Task<TierResponse> call = NewInvoker(options, time).GetResponseAsync(new TierRequest(tier, s_messages, null, ledger));
        await headersSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(45));
        TierResponse response = await call;

        response.Response.Text.ShouldBe("from secondary");
        _primary.Calls.ShouldBe(1);
        AttemptRecord timedOut = ledger.Attempts[0];
        timedOut.Failure.ShouldBe(FailureCause.TimeoutAfterAcceptance);
        timedOut.Billed.ShouldBeTrue();
        timedOut.Usage.ShouldBe(new TokenUsage(TokenCounter.Default.CountInput(s_messages), 0, IsEstimated: true));
        timedOut.Cost.ShouldBe(ProviderClients.Price.CostOf(timedOut.Usage));
        ledger.Attempts[1].Kind.ShouldBe(AttemptKind.Fallback);
        ledger.Attempts[1].Usage.ShouldBe(new TokenUsage(20, 7));
        ledger.TotalCost.ShouldBe(timedOut.Cost + ProviderClients.Price.CostOf(20, 7));
    }

    [Theory]
    [InlineData(Protocol.Anthropic)]
    [InlineData(Protocol.OpenAI)]
    public async Task StreamWithoutAFirstTokenInTime_FallsBackWithTheFirstTokenCause(Protocol protocol)
    {
        var headersSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _primary.Script(HeadersThenHang());
        var time = new TimerRecordingTimeProvider();
        var ledger = new RequestLedger(timeProvider: time);
        var observer = new ProviderResponseObserver { OnResponseHeaders = _ => headersSeen.TrySetResult() };
        var tier = new Tier("haiku", [ProviderClients.Deployment("primary", protocol, _primary.Url, observer), ProviderClients.Deployment("secondary", protocol, _secondary.Url)]);
        ReliabilityOptions options = NoDelays();
        options.FirstTokenTimeout = TimeSpan.FromSeconds(8);

        Task<List<ChatResponseUpdate>> call = NewInvoker(options, time).GetStreamingResponseAsync(new TierRequest(tier, s_messages, null, ledger)).ToListAsync().AsTask();
        await headersSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(7));
        ledger.Attempts.ShouldBeEmpty("the first-token limit has not passed");
        time.Advance(TimeSpan.FromSeconds(1));
        List<ChatResponseUpdate> updates = await call;

        updates.ToChatResponse().Text.ShouldBe("from secondary");
        AttemptRecord timedOut = ledger.Attempts[0];
        timedOut.Failure.ShouldBe(FailureCause.FirstTokenTimeout);
        timedOut.Error!.ShouldContain("first-token limit of 8 s");
        timedOut.Billed.ShouldBeTrue("the provider had accepted the call");
        ledger.Attempts[1].Kind.ShouldBe(AttemptKind.Fallback);
        ledger.Attempts[1].SwitchCause.ShouldBe("first_token_timeout");
    }

    [Theory]
    [InlineData(Protocol.Anthropic)]
    [InlineData(Protocol.OpenAI)]
    public async Task TimeoutAfterStreamStarted_BillsTheReceivedOutput(Protocol protocol)
    {
        _primary.Script(StreamThenHang(12, "Your parcel", " is on its way"));
        var time = new TimerRecordingTimeProvider();
        var ledger = new RequestLedger(timeProvider: time);
        var received = new List<ChatResponseUpdate>();
        ReliabilityOptions options = NoDelays();
        options.StreamIdleTimeout = TimeSpan.FromSeconds(10);
        Task idle = Task.CompletedTask;

        var ex = await Should.ThrowAsync<TierFailedException>(async () =>
        {
            await foreach (ChatResponseUpdate update in NewInvoker(options, time).GetStreamingResponseAsync(Request(protocol, ledger)))
            {
                received.Add(update);
                if (received.ToChatResponse().Text == "Your parcel is on its way")
                {
                    // The consumer's own time does not count against the idle timeout...
                    time.Advance(TimeSpan.FromSeconds(20));

                    // ...the wait for the next update does: let it start, then pass its 10 s.
                    int armed = time.CountOf(TimeSpan.FromSeconds(10));
                    idle = time.WaitForTimerAsync(TimeSpan.FromSeconds(10), armed + 1).ContinueWith(
                        armedAgain =>
                        {
                            armedAgain.GetAwaiter().GetResult();
                            time.Advance(TimeSpan.FromSeconds(10));
                        },
                        TaskScheduler.Default);
                }
            }
        });

        await idle;
        ex.Cause.ShouldBe(FailureCause.TimeoutAfterAcceptance);
        ex.OutputStarted.ShouldBeTrue();
        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.Billed.ShouldBeTrue();
        attempt.Usage.OutputTokens.ShouldBe(TokenCounter.Default.Count(_primary.Served.Single().SentText));
        ledger.TotalCost.ShouldBe(attempt.Cost);
        await _primary.ClientAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _secondary.Calls.ShouldBe(0);
    }

    [Theory]
    [InlineData(Protocol.Anthropic)]
    [InlineData(Protocol.OpenAI)]
    public async Task CallerDisconnect_CancelsUpstreamAtOnceAndRecordsTheBilledPartial(Protocol protocol)
    {
        _primary.Script(StreamThenHang(12, "Refunds take", " five business days"));
        var ledger = new RequestLedger();
        using var caller = new CancellationTokenSource();
        var received = new List<ChatResponseUpdate>();

        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (ChatResponseUpdate update in NewInvoker().GetStreamingResponseAsync(Request(protocol, ledger), caller.Token))
            {
                received.Add(update);
                if (received.ToChatResponse().Text == "Refunds take five business days")
                {
                    await caller.CancelAsync();
                }
            }
        });

        await _primary.ClientAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.Outcome.ShouldBe(AttemptOutcome.Cancelled);
        attempt.Failure.ShouldBe(FailureCause.ClientDisconnected);
        attempt.Billed.ShouldBeTrue();
        attempt.Usage.OutputTokens.ShouldBe(TokenCounter.Default.Count(_primary.Served.Single().SentText));
        attempt.Usage.InputTokens.ShouldBe(TokenCounter.Default.CountInput(s_messages));
        ledger.TotalCost.ShouldBe(attempt.Cost);
        _secondary.Calls.ShouldBe(0);
    }

    [Theory]
    [InlineData(Protocol.Anthropic)]
    [InlineData(Protocol.OpenAI)]
    public async Task ConsumerStoppingEarly_CancelsUpstreamAndRecordsTheBilledPartialBeforeDisposeCompletes(Protocol protocol)
    {
        _primary.Script(StreamThenHang(12, "I think", " it depends"));
        var ledger = new RequestLedger();

        await foreach (ChatResponseUpdate update in NewInvoker().GetStreamingResponseAsync(Request(protocol, ledger)))
        {
            if (update.Text.Length > 0)
            {
                break;
            }
        }

        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.Outcome.ShouldBe(AttemptOutcome.Kept);
        attempt.Billed.ShouldBeTrue();
        attempt.Usage.OutputTokens.ShouldBe(TokenCounter.Default.Count("I think"));
        await _primary.ClientAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(Protocol.Anthropic)]
    [InlineData(Protocol.OpenAI)]
    public async Task CallerDisconnectAfterAcceptance_IsBilledForTheInput(Protocol protocol)
    {
        var headersSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _primary.Script(HeadersThenHang());
        var ledger = new RequestLedger();
        var observer = new ProviderResponseObserver { OnResponseHeaders = _ => headersSeen.TrySetResult() };
        var tier = new Tier("haiku", [ProviderClients.Deployment("primary", protocol, _primary.Url, observer), ProviderClients.Deployment("secondary", protocol, _secondary.Url)]);
        using var caller = new CancellationTokenSource();

        Task<TierResponse> call = NewInvoker().GetResponseAsync(new TierRequest(tier, s_messages, null, ledger), caller.Token);
        await headersSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await caller.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => call);
        await _primary.ClientAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.Outcome.ShouldBe(AttemptOutcome.Cancelled);
        attempt.Failure.ShouldBe(FailureCause.ClientDisconnected);
        attempt.Billed.ShouldBeTrue();
        attempt.Usage.ShouldBe(new TokenUsage(TokenCounter.Default.CountInput(s_messages), 0, IsEstimated: true));
        ledger.TotalCost.ShouldBe(attempt.Cost);
        _secondary.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task AnthropicOverloadedEventBeforeOutput_FailsOverAndBillsTheStartedStream()
    {
        _primary.Script(OverloadedMidStream());
        var ledger = new RequestLedger();

        string text = await RunAsync(NewInvoker(), Request(Protocol.Anthropic, ledger), streaming: true);

        text.ShouldBe("from secondary");
        AttemptRecord failed = ledger.Attempts[0];
        failed.Failure.ShouldBe(FailureCause.Overloaded);
        failed.Billed.ShouldBeTrue();
        failed.Usage.IsEstimated.ShouldBeTrue();
        failed.Usage.OutputTokens.ShouldBe(0);
        ledger.Attempts[1].Kind.ShouldBe(AttemptKind.Fallback);
        ledger.TotalCost.ShouldBe(ledger.Attempts.Sum(a => a.Cost));
    }

    [Theory]
    [InlineData(Protocol.Anthropic)]
    [InlineData(Protocol.OpenAI)]
    public async Task CallerCancelBeforeAnyResponse_IsUnbilledAndPropagates(Protocol protocol)
    {
        _primary.Script(Hang());
        var ledger = new RequestLedger();
        using var caller = new CancellationTokenSource();

        Task<TierResponse> call = NewInvoker().GetResponseAsync(Request(protocol, ledger), caller.Token);
        await _primary.WaitForCallsAsync(1);
        await caller.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => call);
        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.Outcome.ShouldBe(AttemptOutcome.Cancelled);
        attempt.Failure.ShouldBe(FailureCause.CancelledByCaller);
        attempt.Billed.ShouldBeFalse();
        await _primary.ClientAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _secondary.Calls.ShouldBe(0);
    }

    [Theory]
    [InlineData(Protocol.Anthropic)]
    [InlineData(Protocol.OpenAI)]
    public async Task Success_UsesProviderReportedUsage(Protocol protocol)
    {
        _primary.Script(Text("Delivered on Monday.", inputTokens: 321, outputTokens: 9));
        var ledger = new RequestLedger();

        TierResponse response = await NewInvoker().GetResponseAsync(Request(protocol, ledger));

        response.Attempt.Usage.ShouldBe(new TokenUsage(321, 9));
        response.Attempt.Cost.ShouldBe(ProviderClients.Price.CostOf(321, 9));
        response.Attempt.Outcome.ShouldBe(AttemptOutcome.Kept);
        ledger.Attempts.ShouldHaveSingleItem().ShouldBeSameAs(response.Attempt);
    }

    private TierRequest Request(Protocol protocol, RequestLedger ledger) => new(
        new Tier("haiku", [ProviderClients.Deployment("primary", protocol, _primary.Url), ProviderClients.Deployment("secondary", protocol, _secondary.Url)]),
        s_messages,
        null,
        ledger);

    private static ReliabilityOptions NoDelays() => new() { Retry = { BaseDelay = TimeSpan.Zero, MaxJitter = TimeSpan.Zero } };

    private static ResilientTierInvoker NewInvoker(ReliabilityOptions? options = null, TimeProvider? time = null) =>
        new(options ?? NoDelays(), new InMemoryCascadeStateStore(), time);

    private static async Task<string> RunAsync(ResilientTierInvoker invoker, TierRequest request, bool streaming)
    {
        if (!streaming)
        {
            return (await invoker.GetResponseAsync(request)).Response.Text;
        }

        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in invoker.GetStreamingResponseAsync(request))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse().Text;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
