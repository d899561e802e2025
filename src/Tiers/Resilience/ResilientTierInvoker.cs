using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Cascade;

/// <summary>
/// The production <see cref="ITierInvoker"/>: calls a tier's deployments in fallback order under a Polly pipeline
/// (retry with exponential backoff and jitter, Retry-After honoured up to a cap, a shared circuit breaker per
/// deployment), bounds each attempt with a timeout and the request's deadline, decides every failure with the one
/// <see cref="FailurePolicy"/> table, checks the request's budget before every call and records every provider
/// call, billed failures included, in the request's ledger.
/// </summary>
/// <remarks>
/// <para>
/// One failure gets one response: a retry of the same deployment, a fallback to the tier's next deployment, a move
/// to a larger-context tier, or a stop. A failed retry is not followed by a fallback unless
/// <see cref="FailurePolicyOptions.StackRetryAndFallback"/> says so, and a failure the provider already billed is not
/// retried unless <see cref="FailurePolicyOptions.RetryBilledFailures"/> says so. When the tier's reliability steps
/// (<see cref="RequestLimits.MaxReliabilityStepsPerTier"/>) are used up, the tier gives up with its table action, so
/// the cascade can still try the next tier.
/// </para>
/// <para>
/// The per-attempt timeout is a <see cref="CancellationTokenSource"/> on the ledger's <see cref="TimeProvider"/>
/// rather than Polly's timeout strategy: Polly cancels its token when the callback returns, while a streamed answer
/// outlives the callback that opened it. Once a stream has produced output the same source becomes its idle timeout
/// (<see cref="ReliabilityOptions.StreamIdleTimeout"/>), armed only while the provider is awaited. Streaming fails over only before the first update with content was yielded;
/// after that a failure records a billed partial attempt and throws <see cref="TierFailedException"/> with
/// <see cref="TierFailedException.OutputStarted"/> set.
/// </para>
/// </remarks>
public sealed partial class ResilientTierInvoker : ITierInvoker
{
    private static readonly ResiliencePropertyKey<TierCall> s_call = new("cascade.tier_call");

    private readonly ReliabilityOptions _options;
    private readonly FailurePolicy _policy;
    private readonly FailureClassifier _classifier;
    private readonly RequestBudget _budget;
    private readonly SharedCircuitBreaker? _breaker;
    private readonly CascadeTelemetry? _telemetry;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ResiliencePipeline _pipeline;
    private readonly Func<double> _jitter;

    /// <summary>Initializes the invoker.</summary>
    /// <param name="options">Timeouts, retry, circuit and table overrides; the documented defaults when <see langword="null"/>.</param>
    /// <param name="stateStore">Where circuits live (shared between replicas with a distributed store); a process-local store when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock of retry delays and circuits; attempts are timed on the ledger's clock. <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="budget">The request-ceiling check made before every call; <see cref="RequestBudget.Default"/> when <see langword="null"/>.</param>
    /// <param name="classifier">The failure classifier; <see cref="FailureClassifier.Default"/> when <see langword="null"/>.</param>
    /// <param name="telemetry">When set, every attempt's metrics are recorded here too (for an invoker used without a cascade, which records them itself).</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names every setting to fix.</exception>
    public ResilientTierInvoker(
        ReliabilityOptions? options = null,
        ICascadeStateStore? stateStore = null,
        TimeProvider? timeProvider = null,
        RequestBudget? budget = null,
        FailureClassifier? classifier = null,
        CascadeTelemetry? telemetry = null,
        ILogger<ResilientTierInvoker>? logger = null)
        : this(options, stateStore, timeProvider, budget, classifier, telemetry, logger, jitter: null)
    {
    }

    internal ResilientTierInvoker(
        ReliabilityOptions? options,
        ICascadeStateStore? stateStore,
        TimeProvider? timeProvider,
        RequestBudget? budget,
        FailureClassifier? classifier,
        CascadeTelemetry? telemetry,
        ILogger? logger,
        Func<double>? jitter)
    {
        _options = options ?? new ReliabilityOptions();
        _options.ThrowIfInvalid();
        _policy = new FailurePolicy(_options.Failures);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _classifier = classifier ?? FailureClassifier.Default;
        _budget = budget ?? RequestBudget.Default;
        _telemetry = telemetry;
        _logger = logger ?? NullLogger.Instance;
        _jitter = jitter ?? Random.Shared.NextDouble;
        if (_options.Circuit.Enabled)
        {
            _breaker = new SharedCircuitBreaker(stateStore ?? new InMemoryCascadeStateStore(), _options.Circuit, _timeProvider);
            _breaker.StateChanged += (key, from, to) => LogCircuitChanged(_logger, key, from, to);
            _breaker.StoreFailed += (key, ex) => LogCircuitStoreFailed(_logger, key, ex);
        }

        _pipeline = BuildPipeline();
    }

    /// <summary>Gets the failure table in use.</summary>
    public FailurePolicy Policy => _policy;

    /// <summary>Gets the circuit breakers, or <see langword="null"/> when they are disabled.</summary>
    public SharedCircuitBreaker? CircuitBreaker => _breaker;

    /// <inheritdoc/>
    public async Task<TierResponse> GetResponseAsync(TierRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = new TierCall(request, cancellationToken) { Invoker = this };
        for (int i = 0; i < request.Tier.Deployments.Count; i++)
        {
            if (!call.Fits(request.Tier.Deployments[i]))
            {
                continue;
            }

            call.Begin(request.Tier.Deployments[i]);
            Outcome<TierResponse> outcome = await ExecuteAsync(call, static (context, state) => state.Invoker.CallOnceAsync(state));
            if (outcome.Exception is null)
            {
                return outcome.Result!;
            }

            HandleFailure(call, outcome.Exception, isLast: i == request.Tier.Deployments.Count - 1);
        }

        throw GiveUp(call);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        TierRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = new TierCall(request, cancellationToken) { Invoker = this };
        StreamStart? start = null;
        for (int i = 0; i < request.Tier.Deployments.Count && start is null; i++)
        {
            if (!call.Fits(request.Tier.Deployments[i]))
            {
                continue;
            }

            call.Begin(request.Tier.Deployments[i]);
            Outcome<StreamStart> outcome = await ExecuteAsync(call, static (context, state) => state.Invoker.OpenStreamAsync(state));
            if (outcome.Exception is null)
            {
                start = outcome.Result!;
            }
            else
            {
                HandleFailure(call, outcome.Exception, isLast: i == request.Tier.Deployments.Count - 1);
            }
        }

        if (start is null)
        {
            throw GiveUp(call);
        }

        // From here on output reaches the consumer: no failover, every outcome is one attempt of this deployment.
        Exception? failure = null;
        bool completed = start.Completed;
        try
        {
            foreach (ChatResponseUpdate update in start.Buffered)
            {
                yield return update;
            }

            while (!completed)
            {
                try
                {
                    // The idle timer runs only while waiting on the provider, never while the consumer holds an update.
                    start.Timeout.CancelAfter(Bounded(_options.StreamIdleTimeout, request.Ledger));
                    bool more = await start.Upstream.MoveNextAsync();
                    start.Timeout.CancelAfter(Timeout.InfiniteTimeSpan);
                    if (!more)
                    {
                        completed = true;
                        break;
                    }
                }
                catch (Exception ex)
                {
                    failure = ex;
                    break;
                }

                start.Received.Add(start.Upstream.Current);
                yield return start.Upstream.Current;
            }
        }
        finally
        {
            await FinishStreamAsync(call, start, completed, failure);
        }

        if (failure is not null)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw failure is OperationCanceledException ? failure : new OperationCanceledException(failure.Message, failure, cancellationToken);
            }

            AttemptRecord last = call.Request.Ledger.Attempts.Last(a => a.Sequence == start.Sequence);
            FailureCause cause = last.Failure ?? FailureCause.Unknown;
            throw new TierFailedException(
                request.Tier.Name,
                cause,
                _policy.TierActionFor(cause),
                $"Tier '{request.Tier.Name}': the stream from deployment '{start.Deployment.Name}' failed after output started ({last.Error}); no failover after output.",
                failure)
            {
                OutputStarted = true,
            };
        }

        if (start.Refusal is { } refusal)
        {
            throw new TierFailedException(
                request.Tier.Name,
                refusal,
                _policy.TierActionFor(refusal),
                $"Tier '{request.Tier.Name}': deployment '{start.Deployment.Name}' refused the content after its answer had started.")
            {
                OutputStarted = true,
            };
        }
    }

    private ResiliencePipeline BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _timeProvider, Name = "cascade-tier" };
        if (_options.Retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.Retry.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.Context, args.AttemptNumber)),
                DelayGenerator = args => ValueTask.FromResult((args.Outcome.Exception as ProviderCallException)?.RetryDelay),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is ProviderCallException failure && args.Context.Properties.TryGetValue(s_call, out TierCall? call))
                    {
                        LogRetrying(_logger, call.Request.Tier.Name, call.Deployment.Name, failure.Classification.Cause, args.RetryDelay);
                    }

                    return default;
                },
            });
        }

        if (_breaker is not null)
        {
            builder.AddStrategy(_ => new SharedCircuitBreakerStrategy(_breaker, _policy), new SharedCircuitBreakerStrategyOptions());
        }

        return builder.Build();
    }

    private async ValueTask<Outcome<TResult>> ExecuteAsync<TResult>(TierCall call, Func<ResilienceContext, TierCall, ValueTask<Outcome<TResult>>> callback)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get(call.CallerToken);
        try
        {
            context.Properties.Set(s_call, call);
            context.Properties.Set(SharedCircuitBreakerStrategy.CircuitKey, call.Deployment.CircuitKey(call.Request.Tier.Name));
            return await _pipeline.ExecuteOutcomeAsync(callback, context, call);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private bool ShouldRetry(Exception? exception, ResilienceContext context, int attemptNumber)
    {
        if (exception is not ProviderCallException failure || failure.Decision != FailureDecision.Retry
            || !context.Properties.TryGetValue(s_call, out TierCall? call))
        {
            return false;
        }

        if (call.StepsUsedUp() is { } usedUp)
        {
            failure.RetrySkipped = usedUp;
            return false;
        }

        RequestLedger ledger = call.Request.Ledger;
        TimeSpan delay;
        if (failure.Classification.RetryAfter is { } retryAfter)
        {
            if (retryAfter > _options.Retry.RetryAfterCap)
            {
                failure.RetrySkipped = $"the provider asked to wait {retryAfter.TotalSeconds:0.###} s, more than the {_options.Retry.RetryAfterCap.TotalSeconds:0.###} s cap";
                return false;
            }

            delay = retryAfter;
        }
        else
        {
            delay = _options.Retry.BackoffDelay(attemptNumber, _jitter());
        }

        if (ledger.Deadline is { } deadline && ledger.TimeProvider.GetUtcNow() + delay >= deadline)
        {
            failure.RetrySkipped = $"waiting {delay.TotalSeconds:0.###} s would pass the request's deadline";
            return false;
        }

        // Check the budget before waiting: a retry the request cannot afford should not cost it the delay first.
        if (_budget.Check(ledger, call.Request.Tier.Name, call.Deployment, AttemptKind.Retry, call.Request.Messages, call.Request.Options) is { } stop)
        {
            failure.BudgetStop = stop;
            return false;
        }

        failure.RetryDelay = delay;
        call.RetriesMade++;
        return true;
    }

    private void HandleFailure(TierCall call, Exception exception, bool isLast)
    {
        switch (exception)
        {
            case BudgetExceededException:
            case OperationCanceledException:
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception);
                break;

            case BrokenCircuitException broken:
                LogCircuitSkipped(_logger, call.Request.Tier.Name, call.Deployment.Name, broken.RetryAfter);
                call.Skipped.Add(call.Deployment.Name);
                if (call.LastFailure is null)
                {
                    call.LastCause = FailureCause.CircuitOpen;
                }

                return;

            case ProviderCallException { BudgetStop: { } stop } when isLast:
                // The retry the request could not afford was its last option; another deployment gets its own check.
                LogBudgetStop(_logger, call.Request.Tier.Name, call.Deployment.Name, stop.Ceiling, stop.Reason);
                throw stop.ToException();

            case ProviderCallException failure:
                call.LastFailure = failure;
                call.LastCause = failure.Classification.Cause;
                FailureDecision decision = failure.Decision;
                if (decision == FailureDecision.Retry)
                {
                    // The retry was skipped (cap, deadline, steps) or made and failed with a retryable cause again.
                    if ((failure.RetrySkipped ?? failure.BudgetStop?.Reason) is { } skipped)
                    {
                        LogRetrySkipped(_logger, call.Request.Tier.Name, call.Deployment.Name, failure.Classification.Cause, skipped);
                    }

                    decision = FailureDecision.Fallback;
                }

                if (decision == FailureDecision.LargerContextTier && LargerWindowLeft(call) && call.StepsUsedUp() is null)
                {
                    // The prompt did not fit this deployment: a deployment of the same tier with a larger window goes first.
                    call.MinContextWindow = call.Deployment.ContextWindow;
                    call.NextKind = AttemptKind.Fallback;
                    call.NextSwitchCause = failure.Classification.Cause.ToName();
                    LogFallingBack(_logger, call.Request.Tier.Name, call.Deployment.Name, failure.Classification.Cause);
                    return;
                }

                if (decision is FailureDecision.Stop or FailureDecision.LargerContextTier)
                {
                    throw GiveUp(call);
                }

                if (call.RetriesMade > 0 && !_policy.Options.StackRetryAndFallback)
                {
                    call.GiveUpReason = "a retry was already made for this failure and a fallback is not stacked on it";
                    throw GiveUp(call);
                }

                if (isLast)
                {
                    return;
                }

                if (call.StepsUsedUp() is { } usedUp)
                {
                    call.GiveUpReason = usedUp;
                    throw GiveUp(call);
                }

                call.NextKind = AttemptKind.Fallback;
                call.NextSwitchCause = failure.Classification.Cause.ToName();
                LogFallingBack(_logger, call.Request.Tier.Name, call.Deployment.Name, failure.Classification.Cause);
                return;

            default:
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception);
                break;
        }
    }

    /// <summary>Whether a later deployment of the tier declares a larger context window than the one that was too small.</summary>
    private static bool LargerWindowLeft(TierCall call)
    {
        IReadOnlyList<Deployment> deployments = call.Request.Tier.Deployments;
        int failed = call.Deployment.ContextWindow ?? int.MaxValue;
        for (int i = deployments.Count - 1; i >= 0 && !ReferenceEquals(deployments[i], call.Deployment); i--)
        {
            if (deployments[i].ContextWindow > failed)
            {
                return true;
            }
        }

        return false;
    }

    private TierFailedException GiveUp(TierCall call)
    {
        string tier = call.Request.Tier.Name;
        FailureCause cause = call.LastCause ?? FailureCause.Unknown;
        TierFailureAction action = _policy.TierActionFor(cause);
        string detail = call.LastFailure is { } failure
            ? $"deployment '{failure.Attempt.Deployment}' failed: {failure.Classification.Message}"
            : $"every deployment's circuit is open ({string.Join(", ", call.Skipped)})";
        string why = call.GiveUpReason ?? (action switch
        {
            TierFailureAction.Stop => "the failure table says stop for this cause",
            TierFailureAction.TryLargerContextTier => "the prompt needs a tier with a larger context window",
            _ => "no deployment of the tier is left",
        });
        LogTierGaveUp(_logger, tier, cause, action);
        return new TierFailedException(tier, cause, action, $"Tier '{tier}' gave up ({cause}, {action}): {detail}; {why}.", call.LastFailure?.InnerException);
    }

    private async ValueTask<Outcome<TierResponse>> CallOnceAsync(TierCall call)
    {
        if (BeginAttempt(call) is { } stop)
        {
            return Outcome.FromException<TierResponse>(stop);
        }

        AttemptDraft draft = call.Draft!;
        using CancellationTokenSource timeout = NewAttemptTimeout(call.Request.Ledger);
        using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(call.CallerToken, timeout.Token);
        var observation = new ProviderCallObservation();
        try
        {
            ChatResponse response;
            using (ProviderCallObservation.Begin(observation))
            {
                response = await call.Deployment.Client.GetResponseAsync(call.Request.Messages, call.Request.Options, linked.Token);
            }

            TimeSpan elapsed = draft.Elapsed();
            TokenUsage usage = UsageOf(call.Request, response.Usage, response.Messages.SelectMany(m => m.Contents));
            AttemptRecord attempt = draft.ToRecord() with
            {
                Outcome = AttemptOutcome.Kept,
                Usage = usage,
                Billed = true,
                Cost = call.Deployment.Price.CostOf(usage),
                TimeToFirstToken = elapsed,
                Duration = elapsed,
            };

            if (_classifier.ClassifyResponse(response) is { } noAnswer)
            {
                var classification = new FailureClassification(noAnswer, true, observation.StatusCode is { } s ? (int)s : 200, null, NoAnswerMessage(noAnswer, response));
                return Outcome.FromException<TierResponse>(Fail(call, attempt with { Outcome = AttemptOutcome.Failed, Failure = noAnswer, Error = classification.Message }, classification, null));
            }

            Record(call, attempt);
            return Outcome.FromResult(new TierResponse(response, attempt));
        }
        catch (Exception ex)
        {
            return Outcome.FromException<TierResponse>(Failed(call, draft, ex, timeout, observation, received: []));
        }
    }

    private async ValueTask<Outcome<StreamStart>> OpenStreamAsync(TierCall call)
    {
        if (BeginAttempt(call) is { } stop)
        {
            return Outcome.FromException<StreamStart>(stop);
        }

        AttemptDraft draft = call.Draft!;
        CancellationTokenSource timeout = NewAttemptTimeout(call.Request.Ledger);
        TimeSpan? firstTokenLimit = null;
        if (_options.FirstTokenTimeout < _options.AttemptTimeout)
        {
            // The first output is awaited for less than a whole attempt: the shorter limit is the one that fires.
            TimeSpan bounded = Bounded(_options.FirstTokenTimeout, call.Request.Ledger);
            if (bounded == _options.FirstTokenTimeout)
            {
                firstTokenLimit = bounded;
                timeout.CancelAfter(bounded);
            }
        }

        CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(call.CallerToken, timeout.Token);
        var observation = new ProviderCallObservation();
        IAsyncEnumerator<ChatResponseUpdate>? upstream = null;
        var received = new List<ChatResponseUpdate>();
        try
        {
            bool completed = false;
            using (ProviderCallObservation.Begin(observation))
            {
                upstream = call.Deployment.Client.GetStreamingResponseAsync(call.Request.Messages, call.Request.Options, linked.Token).GetAsyncEnumerator(linked.Token);

                // Read until the first update that carries output: only then is the answer committed to this deployment.
                while (true)
                {
                    if (!await upstream.MoveNextAsync())
                    {
                        completed = true;
                        break;
                    }

                    received.Add(upstream.Current);
                    draft.FirstUpdate ??= draft.Elapsed();
                    if (HasOutput(upstream.Current))
                    {
                        break;
                    }
                }
            }

            // Output started: from here the stream is bounded by its idle timeout, not by the attempt timeout.
            timeout.CancelAfter(Timeout.InfiniteTimeSpan);
            var start = new StreamStart(call.Deployment, draft, upstream, timeout, linked, observation, received, completed);
            if (completed)
            {
                ChatResponse response = received.ToChatResponse();
                if (_classifier.ClassifyResponse(response) is { } noAnswer)
                {
                    // The stream ended before any output: still safe to fail over.
                    await start.DisposeAsync();
                    TokenUsage usage = UsageOf(call.Request, SumUsage(received), response.Messages.SelectMany(m => m.Contents));
                    TimeSpan elapsed = draft.Elapsed();
                    var classification = new FailureClassification(noAnswer, true, 200, null, NoAnswerMessage(noAnswer, response));
                    AttemptRecord attempt = draft.ToRecord() with
                    {
                        Outcome = AttemptOutcome.Failed,
                        Failure = noAnswer,
                        Error = classification.Message,
                        Usage = usage,
                        Billed = true,
                        Cost = call.Deployment.Price.CostOf(usage),
                        TimeToFirstToken = draft.FirstUpdate,
                        Duration = elapsed,
                    };
                    return Outcome.FromException<StreamStart>(Fail(call, attempt, classification, null));
                }
            }

            return Outcome.FromResult(start);
        }
        catch (Exception ex)
        {
            if (upstream is not null)
            {
                await DisposeQuietlyAsync(upstream);
            }

            Exception failure = Failed(call, draft, ex, timeout, observation, received, firstTokenLimit);
            linked.Dispose();
            timeout.Dispose();
            return Outcome.FromException<StreamStart>(failure);
        }
    }

    private async ValueTask FinishStreamAsync(TierCall call, StreamStart start, bool completed, Exception? failure)
    {
        // Runs before the consumer's DisposeAsync completes: the upstream call is cancelled first, then the attempt recorded.
        bool abandoned = !completed && failure is null;
        if (abandoned)
        {
            await start.Linked.CancelAsync();
        }

        await start.DisposeAsync();
        AttemptDraft draft = start.Draft;
        ChatResponse partial = start.Received.ToChatResponse();
        IEnumerable<AIContent> output = partial.Messages.SelectMany(m => m.Contents);
        TokenUsage usage = UsageOf(call.Request, SumUsage(start.Received), output);
        AttemptRecord attempt = draft.ToRecord() with
        {
            Outcome = AttemptOutcome.Kept,
            Usage = usage,
            Billed = true,
            Cost = call.Deployment.Price.CostOf(usage),
            TimeToFirstToken = draft.FirstUpdate,
            Duration = draft.Elapsed(),
        };

        string circuitKey = start.Deployment.CircuitKey(call.Request.Tier.Name);
        if (failure is not null)
        {
            bool callerCancelled = call.CallerToken.IsCancellationRequested;
            FailureClassification classification = _classifier.Classify(failure, new FailureContext(
                callerCancelled, start.Timeout.IsCancellationRequested && !callerCancelled, OutputReceived: true, start.Observation));
            attempt = attempt with
            {
                Outcome = callerCancelled ? AttemptOutcome.Cancelled : AttemptOutcome.Failed,
                Failure = classification.Cause,
                Error = classification.Message,
            };
            if (_breaker is not null && _policy.CountsTowardCircuit(classification.Cause))
            {
                await _breaker.RecordFailureAsync(circuitKey);
            }
        }
        else if (abandoned)
        {
            bool callerCancelled = call.CallerToken.IsCancellationRequested;
            attempt = attempt with
            {
                Outcome = callerCancelled ? AttemptOutcome.Cancelled : AttemptOutcome.Kept,
                Failure = callerCancelled ? FailureCause.ClientDisconnected : null,
                Error = callerCancelled
                    ? "The caller went away during the stream; the upstream call was cancelled."
                    : $"The consumer stopped reading after {start.Received.Count} update(s); the upstream call was cancelled.",
            };
        }
        else if (_classifier.ClassifyResponse(partial) is FailureCause.ContentRefusal)
        {
            start.Refusal = FailureCause.ContentRefusal;
            attempt = attempt with { Outcome = AttemptOutcome.Failed, Failure = FailureCause.ContentRefusal, Error = "The provider refused the content (refusal stop reason)." };
        }

        Record(call, attempt);
    }

    private BudgetExceededException? BeginAttempt(TierCall call)
    {
        TierRequest request = call.Request;
        AttemptKind kind = call.NextKind;
        if (_budget.Check(request.Ledger, request.Tier.Name, call.Deployment, kind, request.Messages, request.Options) is { } stop)
        {
            LogBudgetStop(_logger, request.Tier.Name, call.Deployment.Name, stop.Ceiling, stop.Reason);
            return stop.ToException();
        }

        call.Draft = new AttemptDraft(request, call.Deployment, request.Ledger.NextSequence(), kind, call.NextSwitchCause);

        // Logged (and exported) as the attempt starts, so a hanging attempt is visible while it hangs; its span ends only with it.
        LogAttemptStarted(_logger, request.Ledger.RequestId, request.Tier.Name, call.Draft.Sequence, call.Deployment.Name, call.Deployment.Model, kind, call.NextSwitchCause ?? "none");

        // Started here and current for the rest of this call, so the provider's HTTP span is the attempt's child.
        if (CascadeTelemetry.StartAttemptSpan(request, call.Deployment, call.Draft.Sequence, kind) is { } span)
        {
            request.Ledger.OpenSpan(call.Draft.Sequence, span, held: request.AnswerJudged);
        }

        return null;
    }

    private Exception Failed(
        TierCall call, AttemptDraft draft, Exception exception, CancellationTokenSource timeout, ProviderCallObservation observation, List<ChatResponseUpdate> received,
        TimeSpan? firstTokenLimit = null)
    {
        bool callerCancelled = call.CallerToken.IsCancellationRequested;
        FailureClassification classification = _classifier.Classify(exception, new FailureContext(
            callerCancelled, timeout.IsCancellationRequested && !callerCancelled, OutputReceived: received.Count > 0, observation));
        if (firstTokenLimit is { } limit && classification.Cause is FailureCause.TimeoutBeforeResponse or FailureCause.TimeoutAfterAcceptance)
        {
            classification = classification with
            {
                Cause = FailureCause.FirstTokenTimeout,
                Message = $"No output arrived within the first-token limit of {limit.TotalSeconds:0.###} s.",
            };
        }

        TokenUsage usage = classification.Accepted
            ? UsageOf(call.Request, SumUsage(received), received.ToChatResponse().Messages.SelectMany(m => m.Contents))
            : TokenUsage.None;
        AttemptRecord attempt = draft.ToRecord() with
        {
            Outcome = callerCancelled ? AttemptOutcome.Cancelled : AttemptOutcome.Failed,
            Failure = classification.Cause,
            Error = classification.Message,
            Usage = usage,
            Billed = classification.Accepted,
            Cost = classification.Accepted ? call.Deployment.Price.CostOf(usage) : 0m,
            TimeToFirstToken = draft.FirstUpdate,
            Duration = draft.Elapsed(),
        };

        if (callerCancelled)
        {
            Record(call, attempt);
            LogAttemptCancelled(_logger, call.Request.Tier.Name, call.Deployment.Name, attempt.Sequence, attempt.Billed);
            return exception is OperationCanceledException ? exception : new OperationCanceledException(classification.Message, exception, call.CallerToken);
        }

        return Fail(call, attempt, classification, exception);
    }

    private ProviderCallException Fail(TierCall call, AttemptRecord attempt, FailureClassification classification, Exception? inner)
    {
        Record(call, attempt);
        FailureDecision decision = _policy.Decide(classification.Cause, attempt.Billed);
        LogAttemptFailed(_logger, call.Request.Tier.Name, call.Deployment.Name, attempt.Sequence, classification.Cause, decision, attempt.Billed, classification.Message);
        call.NextKind = AttemptKind.Retry;
        call.NextSwitchCause = classification.Cause.ToName();
        return new ProviderCallException(classification, attempt, decision, inner);
    }

    private void Record(TierCall call, AttemptRecord attempt)
    {
        call.Request.Ledger.Add(attempt);
        _telemetry?.RecordAttemptMetrics(attempt);
        LogAttemptRecorded(_logger, attempt.Tier, attempt.Deployment, attempt.Sequence, attempt.Kind, attempt.Outcome, attempt.Billed, attempt.Cost);
    }

    private CancellationTokenSource NewAttemptTimeout(RequestLedger ledger) =>
        new(Bounded(_options.AttemptTimeout, ledger), ledger.TimeProvider);

    private static TimeSpan Bounded(TimeSpan timeout, RequestLedger ledger) =>
        ledger.RemainingTime is { } remaining && remaining < timeout
            ? remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1)
            : timeout;

    private static TokenUsage UsageOf(TierRequest request, UsageDetails? reported, IEnumerable<AIContent> output)
    {
        TokenUsage usage = TokenUsage.FromUsageDetails(reported);
        if (usage.TotalTokens > 0)
        {
            return usage;
        }

        // The provider reported nothing (a cut stream, a timeout after acceptance): count what was sent and received.
        return new TokenUsage(
            TokenCounter.Default.CountInput(request.Messages, request.Options),
            TokenCounter.Default.CountContents(output),
            IsEstimated: true);
    }

    private static UsageDetails? SumUsage(IEnumerable<ChatResponseUpdate> updates)
    {
        UsageDetails? total = null;
        foreach (UsageContent usage in updates.SelectMany(u => u.Contents).OfType<UsageContent>())
        {
            total ??= new UsageDetails();
            total.Add(usage.Details);
        }

        return total;
    }

    private static bool HasOutput(ChatResponseUpdate update) =>
        update.Contents.Any(c => c is TextContent { Text.Length: > 0 } or FunctionCallContent or TextReasoningContent { Text.Length: > 0 });

    private static string NoAnswerMessage(FailureCause cause, ChatResponse response) => cause == FailureCause.ContentRefusal
        ? $"The provider refused the content (finish reason '{response.FinishReason?.Value}')."
        : "The provider answered with no text and no tool call.";

    private static async ValueTask DisposeQuietlyAsync(IAsyncDisposable disposable)
    {
        try
        {
            await disposable.DisposeAsync();
        }
        catch (Exception)
        {
            // The upstream stream is being abandoned; its own failure is already recorded.
        }
    }

    /// <summary>The state of one <see cref="ITierInvoker"/> call across its deployments.</summary>
    private sealed class TierCall(TierRequest request, CancellationToken callerToken)
    {
        public ResilientTierInvoker Invoker { get; set; } = null!;

        public TierRequest Request { get; } = request;

        public CancellationToken CallerToken { get; } = callerToken;

        public Deployment Deployment { get; private set; } = null!;

        public AttemptKind NextKind { get; set; } = request.Kind;

        public string? NextSwitchCause { get; set; } = request.SwitchCause;

        public AttemptDraft? Draft { get; set; }

        public int RetriesMade { get; set; }

        public ProviderCallException? LastFailure { get; set; }

        public FailureCause? LastCause { get; set; }

        public string? GiveUpReason { get; set; }

        public List<string> Skipped { get; } = [];

        /// <summary>Gets or sets the context window a deployment must exceed, once the prompt did not fit a deployment of this size.</summary>
        public int? MinContextWindow { get; set; }

        /// <summary>Whether the deployment may take the call: after a context-length error only a larger declared window does.</summary>
        public bool Fits(Deployment deployment) => MinContextWindow is not { } min || deployment.ContextWindow > min;

        public void Begin(Deployment deployment)
        {
            Deployment = deployment;
            RetriesMade = 0;
        }

        /// <summary>
        /// The one check of <see cref="RequestLimits.MaxReliabilityStepsPerTier"/>, before a retry and before a fallback:
        /// why the tier may take no further step, or <see langword="null"/> while it may.
        /// </summary>
        public string? StepsUsedUp()
        {
            int cap = Request.Ledger.Limits.MaxReliabilityStepsPerTier;
            int used = Request.Ledger.Attempts.Count(a => a.Tier == Request.Tier.Name && a.Kind is AttemptKind.Retry or AttemptKind.Fallback);
            return used >= cap ? $"the tier used its {cap} reliability step(s)" : null;
        }
    }

    /// <summary>The parts of an attempt known when it starts.</summary>
    private sealed class AttemptDraft(TierRequest request, Deployment deployment, int sequence, AttemptKind kind, string? switchCause)
    {
        private readonly long _startTicks = request.Ledger.TimeProvider.GetTimestamp();
        private readonly DateTimeOffset _startedAt = request.Ledger.TimeProvider.GetUtcNow();

        public int Sequence { get; } = sequence;

        public TimeSpan? FirstUpdate { get; set; }

        public TimeSpan Elapsed() => request.Ledger.TimeProvider.GetElapsedTime(_startTicks);

        public AttemptRecord ToRecord() => new()
        {
            RequestId = request.Ledger.RequestId,
            Sequence = Sequence,
            Tier = request.Tier.Name,
            Deployment = deployment.Name,
            Provider = deployment.Provider,
            Model = deployment.Model,
            Kind = kind,
            SwitchCause = switchCause,
            Outcome = AttemptOutcome.Kept,
            Billed = false,
            StartedAt = _startedAt,
        };
    }

    /// <summary>A stream that produced its first output: the upstream enumerator and what was read so far.</summary>
    private sealed class StreamStart(
        Deployment deployment,
        AttemptDraft draft,
        IAsyncEnumerator<ChatResponseUpdate> upstream,
        CancellationTokenSource timeout,
        CancellationTokenSource linked,
        ProviderCallObservation observation,
        List<ChatResponseUpdate> buffered,
        bool completed) : IAsyncDisposable
    {
        private bool _disposed;

        public Deployment Deployment { get; } = deployment;

        public AttemptDraft Draft { get; } = draft;

        public int Sequence => Draft.Sequence;

        public IAsyncEnumerator<ChatResponseUpdate> Upstream { get; } = upstream;

        public CancellationTokenSource Timeout { get; } = timeout;

        public CancellationTokenSource Linked { get; } = linked;

        public ProviderCallObservation Observation { get; } = observation;

        public IReadOnlyList<ChatResponseUpdate> Buffered { get; } = buffered.ToArray();

        public List<ChatResponseUpdate> Received { get; } = buffered;

        public bool Completed { get; } = completed;

        public FailureCause? Refusal { get; set; }

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await DisposeQuietlyAsync(Upstream);
            Linked.Dispose();
            Timeout.Dispose();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Tier {Tier}: attempt {Sequence} on {Deployment} recorded ({Kind}, {Outcome}, billed {Billed}, ${Cost}).")]
    private static partial void LogAttemptRecorded(ILogger logger, string tier, string deployment, int sequence, AttemptKind kind, AttemptOutcome outcome, bool billed, decimal cost);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Tier {Tier}: attempt {Sequence} on {Deployment} failed with {Cause}; decision {Decision} (billed {Billed}): {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, string tier, string deployment, int sequence, FailureCause cause, FailureDecision decision, bool billed, string error);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Tier {Tier}: retrying {Deployment} in {Delay} after {Cause}.")]
    private static partial void LogRetrying(ILogger logger, string tier, string deployment, FailureCause cause, TimeSpan delay);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Tier {Tier}: no retry of {Deployment} after {Cause}: {Reason}.")]
    private static partial void LogRetrySkipped(ILogger logger, string tier, string deployment, FailureCause cause, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Circuit {CircuitKey}: the state store failed; the call goes ahead as if the circuit were closed.")]
    private static partial void LogCircuitStoreFailed(ILogger logger, string circuitKey, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Tier {Tier}: falling back from {Deployment} after {Cause}.")]
    private static partial void LogFallingBack(ILogger logger, string tier, string deployment, FailureCause cause);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Tier {Tier}: skipping {Deployment}, its circuit is open (half-opens in {RetryAfter}).")]
    private static partial void LogCircuitSkipped(ILogger logger, string tier, string deployment, TimeSpan? retryAfter);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Circuit {CircuitKey} changed from {From} to {To}.")]
    private static partial void LogCircuitChanged(ILogger logger, string circuitKey, CircuitState from, CircuitState to);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Tier {Tier} gave up after {Cause}; the cascade should {Action}.")]
    private static partial void LogTierGaveUp(ILogger logger, string tier, FailureCause cause, TierFailureAction action);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Tier {Tier}: attempt {Sequence} on {Deployment} was cancelled by the caller (billed {Billed}).")]
    private static partial void LogAttemptCancelled(ILogger logger, string tier, string deployment, int sequence, bool billed);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Request {RequestId}: attempt {Sequence} started on tier {Tier}, {Deployment} ({Model}), as {Kind} (cause {Cause}).")]
    private static partial void LogAttemptStarted(ILogger logger, string requestId, string tier, int sequence, string deployment, string model, AttemptKind kind, string cause);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Tier {Tier}: no call to {Deployment}, the request would pass its {Ceiling} ceiling: {Reason}.")]
    private static partial void LogBudgetStop(ILogger logger, string tier, string deployment, BudgetCeiling ceiling, string reason);

}

/// <summary>Options of the shared circuit-breaker strategy (its settings live in <see cref="CircuitBreakerOptions"/>).</summary>
internal sealed class SharedCircuitBreakerStrategyOptions : ResilienceStrategyOptions
{
    public SharedCircuitBreakerStrategyOptions() => Name = "cascade-shared-circuit";
}
