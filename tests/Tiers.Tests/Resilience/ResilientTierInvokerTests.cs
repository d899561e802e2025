using System.Net;
using System.Runtime.CompilerServices;
using Cascade.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Cascade.Tests.Resilience;

public class ResilientTierInvokerTests
{
    private static readonly ChatMessage[] s_messages = [new(ChatRole.User, "Can I return shoes after 30 days?")];
    private readonly TimerRecordingTimeProvider _time = new();
    private readonly InMemoryCascadeStateStore _store = new();

    [Fact]
    public async Task FirstAttempt_CarriesTheRequestsKindAndSwitchCause()
    {
        var ledger = NewLedger();
        var request = new TierRequest(Tier(TestChatClient.Answering("Yes, within 60 days.")), s_messages, null, ledger, AttemptKind.Escalation, "gate_rejected:hedging");

        TierResponse response = await NewInvoker().GetResponseAsync(request);

        response.Attempt.Kind.ShouldBe(AttemptKind.Escalation);
        response.Attempt.SwitchCause.ShouldBe("gate_rejected:hedging");
        response.Attempt.Outcome.ShouldBe(AttemptOutcome.Kept);
        response.Attempt.Usage.ShouldBe(new TokenUsage(10, 5));
    }

    [Fact]
    public async Task Budget_IsCheckedBeforeTheRetry()
    {
        var primary = TestChatClient.Failing(Status(HttpStatusCode.TooManyRequests));
        var ledger = NewLedger(new RequestLimits { MaxModelCalls = 1 });

        var ex = await Should.ThrowAsync<BudgetExceededException>(() => NewInvoker().GetResponseAsync(Request(ledger, primary)));

        ex.Ceiling.ShouldBe(BudgetCeiling.ModelCalls);
        primary.CallCount.ShouldBe(1);
        ledger.Attempts.ShouldHaveSingleItem().Failure.ShouldBe(FailureCause.RateLimited);
    }

    [Fact]
    public async Task ARetryTheBudgetForbids_LeavesTheFallbackToItsOwnCheck()
    {
        // The primary is dear, the secondary cheap: after the primary's billed empty answer only the secondary fits.
        var primary = new TestChatClient().ThenRespond(new ChatResponse([]) { Usage = new() { InputTokenCount = 100, OutputTokenCount = 0 } });
        var secondary = TestChatClient.Answering("from secondary", inputTokens: 10, outputTokens: 5);
        var tier = new Tier("haiku", [
            new Deployment("primary", "test", "dear", primary, new PriceTable(1_000m, 1_000m, 0, 0)) { DefaultMaxOutputTokens = 100 },
            new Deployment("secondary", "test", "cheap", secondary, new PriceTable(0.1m, 0.1m, 0, 0)) { DefaultMaxOutputTokens = 100 }]);
        var ledger = NewLedger(new RequestLimits { MaxCost = 0.2m });
        var options = new ReliabilityOptions { Failures = { Decisions = { [FailureCause.EmptyAnswer] = FailureDecision.Retry }, RetryBilledFailures = true } };

        TierResponse response = await NewInvoker(options).GetResponseAsync(new TierRequest(tier, s_messages, null, ledger));

        response.Response.Text.ShouldBe("from secondary");
        primary.CallCount.ShouldBe(1);
        ledger.Attempts[1].Kind.ShouldBe(AttemptKind.Fallback);
    }

    [Fact]
    public async Task Budget_IsCheckedBeforeTheFirstCall()
    {
        var primary = TestChatClient.Answering("never sent");
        var ledger = NewLedger(new RequestLimits { MaxCost = 0.0000001m });

        var ex = await Should.ThrowAsync<BudgetExceededException>(() => NewInvoker().GetResponseAsync(Request(ledger, primary)));

        ex.Ceiling.ShouldBe(BudgetCeiling.Cost);
        primary.CallCount.ShouldBe(0);
        ledger.Attempts.ShouldBeEmpty();
    }

    [Fact]
    public async Task Budget_IsCheckedBeforeTheFallback()
    {
        var primary = TestChatClient.Failing(Status(HttpStatusCode.InternalServerError));
        var secondary = TestChatClient.Answering("never sent");
        var ledger = NewLedger(new RequestLimits { MaxModelCalls = 1 });

        await Should.ThrowAsync<BudgetExceededException>(() => NewInvoker().GetResponseAsync(Request(ledger, primary, secondary)));

        secondary.CallCount.ShouldBe(0);
    }

    [Fact]
    public async Task ReliabilityStepsUsedUp_TheTierGivesUpSoTheCascadeCanMoveOn()
    {
        var primary = TestChatClient.Failing(Status(HttpStatusCode.InternalServerError));
        var secondary = TestChatClient.Answering("never sent");
        var ledger = NewLedger(new RequestLimits { MaxReliabilityStepsPerTier = 0 });

        var ex = await Should.ThrowAsync<TierFailedException>(() => NewInvoker().GetResponseAsync(Request(ledger, primary, secondary)));

        ex.Action.ShouldBe(TierFailureAction.TryNextTier);
        ex.Message.ShouldContain("reliability step");
        secondary.CallCount.ShouldBe(0);
    }

    [Fact]
    public async Task Backoff_IsExponentialWithJitter()
    {
        var primary = new TestChatClient().ThenThrow(Status(HttpStatusCode.TooManyRequests)).ThenThrow(Status(HttpStatusCode.TooManyRequests)).ThenAnswer("ok");
        var ledger = NewLedger(new RequestLimits { MaxReliabilityStepsPerTier = 2, MaxModelCalls = 3 });
        var options = new ReliabilityOptions { Retry = { MaxRetries = 2 } };

        Task<TierResponse> call = NewInvoker(options, jitter: 0.25).GetResponseAsync(Request(ledger, primary));
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(1.25));
        _time.Advance(TimeSpan.FromSeconds(1.25));
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(2.25));
        _time.Advance(TimeSpan.FromSeconds(2.25));
        TierResponse response = await call;

        response.Response.Text.ShouldBe("ok");
        ledger.Attempts.Select(a => a.Kind).ShouldBe([AttemptKind.Initial, AttemptKind.Retry, AttemptKind.Retry]);
        ledger.Attempts.Select(a => a.SwitchCause).ShouldBe([null, "rate_limited", "rate_limited"]);
    }

    [Fact]
    public async Task RetryThatWouldPassTheDeadline_IsSkippedForAFallback()
    {
        var primary = TestChatClient.Failing(Status(HttpStatusCode.TooManyRequests));
        var secondary = TestChatClient.Answering("from secondary");
        var ledger = NewLedger(new RequestLimits { Timeout = TimeSpan.FromSeconds(1.5) });

        TierResponse response = await NewInvoker(jitter: 0.9).GetResponseAsync(Request(ledger, primary, secondary));

        response.Response.Text.ShouldBe("from secondary");
        primary.CallCount.ShouldBe(1);
        ledger.Attempts[1].Kind.ShouldBe(AttemptKind.Fallback);
    }

    [Fact]
    public async Task AttemptTimeout_IsShortenedByTheRequestsDeadline()
    {
        var primary = new TestChatClient { TimeProvider = _time }.ThenHang();
        var ledger = NewLedger(new RequestLimits { Timeout = TimeSpan.FromSeconds(5) });

        Task<TierResponse> call = NewInvoker().GetResponseAsync(Request(ledger, primary));
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(5));

        var ex = await Should.ThrowAsync<TierFailedException>(() => call);
        ex.Cause.ShouldBe(FailureCause.TimeoutBeforeResponse);
        ledger.Attempts.ShouldHaveSingleItem().Duration.ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task StackingARetryAndAFallback_IsOptIn()
    {
        var primary = TestChatClient.Failing(Status(HttpStatusCode.TooManyRequests));
        var secondary = TestChatClient.Answering("from secondary");
        var ledger = NewLedger(new RequestLimits { MaxReliabilityStepsPerTier = 2 });
        var options = NoDelays();
        options.Failures.StackRetryAndFallback = true;

        TierResponse response = await NewInvoker(options).GetResponseAsync(Request(ledger, primary, secondary));

        response.Response.Text.ShouldBe("from secondary");
        ledger.Attempts.Select(a => a.Kind).ShouldBe([AttemptKind.Initial, AttemptKind.Retry, AttemptKind.Fallback]);
    }

    [Theory]
    [InlineData(false, 1, 1)]
    [InlineData(true, 2, 0)]
    public async Task RetryAfterABilledFailure_NeedsAnExplicitPolicy(bool retryBilled, int primaryCalls, int secondaryCalls)
    {
        var primary = new TestChatClient().ThenRespond(new ChatResponse([]) { Usage = new() { InputTokenCount = 40, OutputTokenCount = 0 } }).ThenAnswer("second try");
        var secondary = TestChatClient.Answering("from secondary");
        var options = NoDelays();
        options.Failures.Decisions[FailureCause.EmptyAnswer] = FailureDecision.Retry;
        options.Failures.RetryBilledFailures = retryBilled;
        var ledger = NewLedger();

        await NewInvoker(options).GetResponseAsync(Request(ledger, primary, secondary));

        primary.CallCount.ShouldBe(primaryCalls);
        secondary.CallCount.ShouldBe(secondaryCalls);
        AttemptRecord empty = ledger.Attempts[0];
        empty.Billed.ShouldBeTrue();
        empty.Usage.ShouldBe(new TokenUsage(40, 0));
        ledger.TotalCost.ShouldBe(ledger.Attempts.Sum(a => a.Cost));
    }

    [Fact]
    public async Task UnknownFailures_FallBack()
    {
        var primary = TestChatClient.Failing(new InvalidOperationException("driver bug"));
        var secondary = TestChatClient.Answering("from secondary");
        var ledger = NewLedger();

        TierResponse response = await NewInvoker().GetResponseAsync(Request(ledger, primary, secondary));

        response.Response.Text.ShouldBe("from secondary");
        ledger.Attempts[0].Failure.ShouldBe(FailureCause.Unknown);
        ledger.Attempts[0].Error.ShouldNotBeNull().ShouldContain("driver bug");
    }

    [Fact]
    public async Task CallerCancellingDuringTheRetryDelay_StopsWithoutAnotherCall()
    {
        var primary = TestChatClient.Failing(Status(HttpStatusCode.TooManyRequests));
        var ledger = NewLedger();
        using var caller = new CancellationTokenSource();

        Task<TierResponse> call = NewInvoker(jitter: 0).GetResponseAsync(Request(ledger, primary), caller.Token);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        await caller.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => call);
        primary.CallCount.ShouldBe(1);
    }

    [Fact]
    public async Task CircuitRecipe_OpensAfterFiveFailures_SkipsTheDeployment_ProbesAfterSixtySeconds_ClosesAfterThreeSuccesses()
    {
        var failures = Enumerable.Repeat(Status(HttpStatusCode.InternalServerError), 5);
        var primary = new TestChatClient();
        foreach (Exception failure in failures)
        {
            primary.ThenThrow(failure);
        }

        primary.ThenAnswer("primary is back");
        var secondary = TestChatClient.Answering("from secondary");
        ResilientTierInvoker invoker = NewInvoker();
        string key = "haiku/primary";

        for (int i = 0; i < 5; i++)
        {
            (await invoker.GetResponseAsync(Request(NewLedger(), primary, secondary))).Response.Text.ShouldBe("from secondary");
        }

        (await _store.GetCircuitAsync(key)).ShouldNotBeNull().State.ShouldBe(CircuitState.Open);

        // Open: the tier skips the primary at once; the secondary's call is the tier's first provider call.
        RequestLedger skipped = NewLedger();
        (await invoker.GetResponseAsync(Request(skipped, primary, secondary))).Response.Text.ShouldBe("from secondary");
        primary.CallCount.ShouldBe(5);
        skipped.Attempts.ShouldHaveSingleItem().Kind.ShouldBe(AttemptKind.Initial);

        _time.Advance(TimeSpan.FromSeconds(60));
        for (int probe = 1; probe <= 3; probe++)
        {
            (await invoker.GetResponseAsync(Request(NewLedger(), primary, secondary))).Response.Text.ShouldBe("primary is back");
            (await _store.GetCircuitAsync(key))!.State.ShouldBe(probe < 3 ? CircuitState.HalfOpen : CircuitState.Closed);
        }

        primary.CallCount.ShouldBe(8);
    }

    [Fact]
    public async Task ConcurrentRequests_ShareTheCircuitAndEachGetsAnAnswer()
    {
        var primary = TestChatClient.Failing(Status(HttpStatusCode.BadGateway));
        var secondary = TestChatClient.Answering("from secondary");
        ResilientTierInvoker invoker = NewInvoker(new ReliabilityOptions { Circuit = { FailureThreshold = 5 } });

        TierResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ =>
            Task.Run(() => invoker.GetResponseAsync(Request(NewLedger(), primary, secondary)))));

        responses.ShouldAllBe(r => r.Response.Text == "from secondary");
        (await _store.GetCircuitAsync("haiku/primary")).ShouldNotBeNull().State.ShouldBe(CircuitState.Open);
        primary.CallCount.ShouldBeInRange(5, 64);
        secondary.CallCount.ShouldBe(64);

        // Once open, no further call reaches the primary.
        int before = primary.CallCount;
        await invoker.GetResponseAsync(Request(NewLedger(), primary, secondary));
        primary.CallCount.ShouldBe(before);
    }

    [Fact]
    public async Task EveryCircuitOpen_TheTierGivesUpWithoutACall()
    {
        var primary = TestChatClient.Answering("never");
        await _store.SetCircuitAsync("haiku/primary", new CircuitSnapshot(CircuitState.Open, 5, 0, _time.GetUtcNow(), _time.GetUtcNow()));
        var ledger = NewLedger();

        var ex = await Should.ThrowAsync<TierFailedException>(() => NewInvoker().GetResponseAsync(Request(ledger, primary)));

        ex.Cause.ShouldBe(FailureCause.CircuitOpen);
        ex.Action.ShouldBe(TierFailureAction.TryNextTier);
        primary.CallCount.ShouldBe(0);
        ledger.Attempts.ShouldBeEmpty();
    }

    [Fact]
    public async Task Streaming_FailsOverWhenTheStreamBreaksBeforeAnyOutput()
    {
        var primary = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, _) => BreaksAfterMetadata() };
        var secondary = TestChatClient.Answering("one two three", inputTokens: 30, outputTokens: 3);
        var ledger = NewLedger();

        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in NewInvoker().GetStreamingResponseAsync(Request(ledger, primary, secondary)))
        {
            updates.Add(update);
        }

        updates.ToChatResponse().Text.ShouldBe("one two three");
        ledger.Attempts.Select(a => (a.Kind, a.Outcome, a.Failure)).ShouldBe([
            (AttemptKind.Initial, AttemptOutcome.Failed, (FailureCause?)FailureCause.ConnectionFailedAfterSend),
            (AttemptKind.Fallback, AttemptOutcome.Kept, null)]);
        ledger.Attempts[0].Billed.ShouldBeTrue();
        ledger.Attempts[1].Usage.ShouldBe(new TokenUsage(30, 3));
    }

    [Fact]
    public async Task Streaming_AFlowingAnswerLongerThanTheAttemptTimeoutIsNotCut()
    {
        var gap = TimeSpan.FromSeconds(25);
        var primary = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, ct) => SlowWords(gap, ct, "one", " two", " three", " four", " five") };
        var ledger = NewLedger();
        var options = new ReliabilityOptions { AttemptTimeout = TimeSpan.FromSeconds(60), StreamIdleTimeout = TimeSpan.FromSeconds(30) };

        Task<List<ChatResponseUpdate>> consume = Task.Run(async () =>
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (ChatResponseUpdate update in NewInvoker(options).GetStreamingResponseAsync(Request(ledger, primary)))
            {
                updates.Add(update);
            }

            return updates;
        });
        for (int i = 1; i <= 4; i++)
        {
            await _time.WaitForTimerAsync(gap, i);
            _time.Advance(gap);
        }

        List<ChatResponseUpdate> received = await consume;

        received.ToChatResponse().Text.ShouldBe("one two three four five");
        AttemptRecord attempt = ledger.Attempts.ShouldHaveSingleItem();
        attempt.Outcome.ShouldBe(AttemptOutcome.Kept);
        attempt.Duration.ShouldBe(TimeSpan.FromSeconds(100));
    }

    [Fact]
    public async Task Telemetry_RecordsEachAttemptAndLogsTheFallback()
    {
        using var telemetry = new CascadeTelemetry();
        using var fallbacks = new MetricCollector<long>(telemetry.Meter, CascadeTelemetryNames.Fallbacks);
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Debug));
        var primary = TestChatClient.Failing(Status(HttpStatusCode.ServiceUnavailable));
        var invoker = new ResilientTierInvoker(NoDelays(), _store, _time, telemetry: telemetry, logger: loggerFactory.CreateLogger<ResilientTierInvoker>());

        await invoker.GetResponseAsync(Request(NewLedger(), primary, TestChatClient.Answering("ok")));

        fallbacks.Sum((CascadeTelemetryNames.Tags.Cause, "server_error")).ShouldBe(1);
        logs.Messages(LogLevel.Information).ShouldContain(m => m.Contains("falling back from primary after ServerError"));
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> BreaksAfterMetadata([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, ResponseId = "r1" };
        throw new IOException("The response ended prematurely.");
    }

    private async IAsyncEnumerable<ChatResponseUpdate> SlowWords(TimeSpan gap, [EnumeratorCancellation] CancellationToken cancellationToken, params string[] words)
    {
        for (int i = 0; i < words.Length; i++)
        {
            if (i > 0)
            {
                await Task.Delay(gap, _time, cancellationToken);
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, words[i]);
        }
    }

    private static HttpRequestException Status(HttpStatusCode status) => new($"Response status code does not indicate success: {(int)status}.", null, status);

    private static ReliabilityOptions NoDelays() => new() { Retry = { BaseDelay = TimeSpan.Zero, MaxJitter = TimeSpan.Zero } };

    private ResilientTierInvoker NewInvoker(ReliabilityOptions? options = null, double jitter = 0) =>
        new(options ?? new ReliabilityOptions(), _store, _time, null, null, null, null, () => jitter);

    private RequestLedger NewLedger(RequestLimits? limits = null) => new(timeProvider: _time) { Limits = limits ?? RequestLimits.Default };

    private static Tier Tier(params IChatClient[] clients) =>
        new("haiku", clients.Select((c, i) => new Deployment(i == 0 ? "primary" : $"secondary{i}", "test", "test-model", c, PriceTable.WithAnthropicCaching(1m, 5m))).ToArray());

    private static TierRequest Request(RequestLedger ledger, params IChatClient[] clients) => new(Tier(clients), s_messages, null, ledger);
}
