using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cascade;

/// <summary>
/// The cost cascade: tries the ladder's tiers cheapest first, keeps the first answer its tier's gates accept,
/// escalates when they reject, and keeps the final tier's answer whatever it says.
/// </summary>
/// <remarks>
/// <para>The inner client is the final tier. When it is a <see cref="TierChatClient"/> its tier (all deployments)
/// is used; any other client becomes a one-deployment tier priced from <see cref="CascadeLadder.FinalTierPrice"/>
/// or the price catalog.</para>
/// <para>Reliability stays inside a tier (<see cref="Invoker"/>: retries, fallbacks between deployments, circuits);
/// this client only moves up the ladder: on a gate's rejection (a cost escalation), on a tier that is unavailable
/// (recorded as a reliability fallback) or on a prompt too long for the tier (a context upgrade).</para>
/// <para>Every attempt lands in one <see cref="RequestLedger"/>; the response carries the <see cref="CascadeRoute"/>
/// under <see cref="CascadeRoute.PropertyKey"/> and usage summed over billed attempts.</para>
/// </remarks>
public sealed partial class CascadeChatClient : DelegatingChatClient
{
    private readonly CascadeRung[] _rungs;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Initializes a cascade.</summary>
    /// <param name="innerClient">The final tier.</param>
    /// <param name="ladder">The tiers below it, cheapest first.</param>
    /// <param name="prices">The catalog the final tier's price is looked up in when the ladder sets none; the built-in prices when <see langword="null"/>.</param>
    public CascadeChatClient(IChatClient innerClient, CascadeLadder ladder, PriceCatalog? prices = null)
        : base(innerClient)
    {
        Ladder = ladder ?? throw new ArgumentNullException(nameof(ladder));
        CascadeRung final = FinalRung(innerClient, ladder, prices);
        _rungs = [.. ladder.Rungs, final];
        var duplicate = _rungs.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The final tier and a rung of the ladder are both named '{duplicate.Key}'; set CascadeLadder.FinalTierName.", nameof(ladder));
        }

        foreach ((string workload, string tier) in ladder.WorkloadStartTiers)
        {
            if (IndexOf(tier) < 0)
            {
                throw new ArgumentException($"Workload '{workload}' starts at tier '{tier}', which is not on the ladder ({string.Join(", ", _rungs.Select(r => r.Name))}).", nameof(ladder));
            }
        }

        Planner = new StartPlanner(_rungs, ladder.WorkloadStartTiers);
        _metadata = new ChatClientMetadata("cascade", defaultModelId: "cascade");
    }

    /// <summary>Gets the planner that decides where each request begins (pinned tier, FAQ match, up-front routing, workload promotion, context fit).</summary>
    public StartPlanner Planner { get; }

    /// <summary>Gets the ladder below the final tier.</summary>
    public CascadeLadder Ladder { get; }

    /// <summary>Gets every rung, the final tier last.</summary>
    public IReadOnlyList<CascadeRung> Rungs => _rungs;

    /// <summary>Gets or sets how a tier is called (deployments, retries, circuits, budget checks).</summary>
    /// <value>The default value is a <see cref="DirectTierInvoker"/>; <c>UseCascade</c> sets a <see cref="ResilientTierInvoker"/>
    /// when none is registered or chosen in its <c>configure</c> callback.</value>
    public ITierInvoker Invoker
    {
        get;
        set
        {
            field = value ?? throw new ArgumentNullException(nameof(value));
            InvokerChosen = true;
        }
    } = new DirectTierInvoker();

    /// <summary>Gets whether <see cref="Invoker"/> was set, so a builder knows to leave it alone.</summary>
    internal bool InvokerChosen { get; private set; }

    /// <summary>Gets or sets the limits of a request that carries none in <see cref="CascadeOptionKeys.Limits"/>.</summary>
    /// <value>The default value is <see cref="RequestLimits.Default"/>.</value>
    public RequestLimits DefaultLimits
    {
        get;
        set => field = value ?? throw new ArgumentNullException(nameof(value));
    } = RequestLimits.Default;

    /// <summary>Gets or sets what the next tier is sent on an escalation or a move to another tier.</summary>
    /// <value>The default value is <see cref="HandoffMode.Full"/>.</value>
    public HandoffOptions Handoff
    {
        get;
        set => field = value ?? throw new ArgumentNullException(nameof(value));
    } = new();

    /// <summary>Gets or sets how gate verdicts are resolved: the abstention rule, per workload too.</summary>
    /// <value>The default value accepts unless a gate rejects.</value>
    public GatePipelineOptions Gating
    {
        get;
        set => field = value ?? throw new ArgumentNullException(nameof(value));
    } = new();

    /// <summary>Gets or sets where the attempt log is written; <see langword="null"/> keeps no log.</summary>
    public ICascadeStateStore? StateStore { get; set; }

    /// <summary>Gets or sets the workload statistics that move a workload's start tier; <see langword="null"/> keeps none.</summary>
    public WorkloadTracker? Workloads
    {
        get => Planner.Workloads;
        set => Planner.Workloads = value;
    }

    /// <summary>Gets or sets the telemetry (spans and metrics); <see langword="null"/> records none.</summary>
    public CascadeTelemetry? Telemetry { get; set; }

    /// <summary>Gets or sets the clock.</summary>
    public TimeProvider TimeProvider
    {
        get;
        set => field = value ?? throw new ArgumentNullException(nameof(value));
    } = TimeProvider.System;

    /// <summary>Gets or sets the logger.</summary>
    public ILogger Logger
    {
        get;
        set => field = value ?? throw new ArgumentNullException(nameof(value));
    } = NullLogger.Instance;

    /// <inheritdoc/>
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null)
        {
            if (serviceType == typeof(ChatClientMetadata))
            {
                return _metadata;
            }

            if (serviceType == typeof(CascadeLadder))
            {
                return Ladder;
            }

            if (serviceType.IsInstanceOfType(this))
            {
                return this;
            }
        }

        return base.GetService(serviceType, serviceKey);
    }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        RequestState state = await BeginAsync(messages, options, cancellationToken);
        using DeadlineScope linked = state.LinkDeadline(TimeProvider, cancellationToken);
        try
        {
            int index = state.StartIndex;
            AttemptKind kind = AttemptKind.Initial;
            string? cause = null;
            while (true)
            {
                TierOutcome outcome = await CallTierAsync(state, index, kind, cause, linked.Token, cancellationToken);
                LadderStep step = Next(state, index, outcome);
                if (step.Keep is { } kept)
                {
                    return await KeepAsync(state, kept);
                }

                if (step.End is { } end)
                {
                    Fail(state, end);
                    ExceptionDispatchInfo.Throw(end);
                }

                (index, kind, cause) = (step.Index, step.Kind, step.Cause);
            }
        }
        catch (Exception ex)
        {
            // A bug or the caller's cancellation: expected endings arrive as outcomes, above.
            Fail(state, ex);
            throw;
        }
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        RequestState state = await BeginAsync(messages, options, cancellationToken);
        try
        {
            await using IAsyncEnumerator<ChatResponseUpdate> updates = StreamAsync(state, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                // C# allows no yield inside a try with a catch: the step that can fail is wrapped on its own.
                ChatResponseUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        break;
                    }

                    update = updates.Current;
                }
                catch (Exception ex)
                {
                    Fail(state, ex);
                    throw;
                }

                yield return update;
            }
        }
        finally
        {
            // A caller that stops reading early never lets the request finish: record what it cost anyway.
            if (!state.Recorded)
            {
                Fail(state, new OperationCanceledException("The caller stopped reading the stream before it ended."));
            }
        }
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(RequestState state, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using DeadlineScope linked = state.LinkDeadline(TimeProvider, cancellationToken);
        int index = state.StartIndex;
        AttemptKind kind = AttemptKind.Initial;
        string? cause = null;
        while (true)
        {
            CascadeRung rung = _rungs[index];
            bool final = state.Pinned || index == _rungs.Length - 1;
            TierStreamingMode mode = index == state.StartIndex && state.Faq is not null
                ? TierStreamingMode.BufferAndGate
                : rung.StreamingMode ?? (final ? TierStreamingMode.StreamDirect : TierStreamingMode.BufferAndGate);
            LadderStep step;
            if (mode == TierStreamingMode.BufferAndGate)
            {
                step = Next(state, index, await CallTierAsync(state, index, kind, cause, linked.Token, cancellationToken));
            }
            else
            {
                // Streamed tiers: the invoker fails over only before its first update; once an update reached the caller
                // the answer is committed: finished, or ended with the error, never replaced by a second paid answer.
                var streamer = new TierStreamer(this, state, rung, index, kind, cause, mode == TierStreamingMode.StreamWithEarlyReject && !final);
                await foreach (ChatResponseUpdate update in streamer.RunAsync(linked.Token, cancellationToken))
                {
                    yield return update;
                }

                if (streamer.Outcome is not { } outcome)
                {
                    yield break;
                }

                step = Next(state, index, outcome);
            }

            if (step.Keep is { } kept)
            {
                await foreach (ChatResponseUpdate update in ReplayAsync(state, kept))
                {
                    yield return update;
                }

                yield break;
            }

            if (step.End is { } end)
            {
                // Recorded, with its route attached, by GetStreamingResponseAsync as the error leaves.
                ExceptionDispatchInfo.Throw(end);
            }

            (index, kind, cause) = (step.Index, step.Kind, step.Cause);
        }
    }

    /// <summary>Keeps an answer: records the route, waits for the attempt log, returns the response.</summary>
    private async Task<ChatResponse> KeepAsync(RequestState state, TierOutcome kept)
    {
        ChatResponse response = Finish(state, kept.Response!, kept.Rung, kept.Attempt);
        await state.Persisted;
        return response;
    }

    /// <summary>Keeps a buffered answer and replays it to a streaming caller, the route and total usage last.</summary>
    private async IAsyncEnumerable<ChatResponseUpdate> ReplayAsync(RequestState state, TierOutcome kept)
    {
        ChatResponse response = await KeepAsync(state, kept);
        foreach (ChatResponseUpdate update in WithoutUsage(response.ToChatResponseUpdates()))
        {
            yield return update;
        }

        yield return FinalUpdate(response.GetCascadeRoute()!, response.FinishReason);
    }

    private static IEnumerable<ChatResponseUpdate> WithoutUsage(IEnumerable<ChatResponseUpdate> updates)
    {
        foreach (ChatResponseUpdate update in updates)
        {
            // A copy, not the update itself: the invoker still holds the provider's updates to sum their usage when the stream ends.
            yield return update.Contents.Any(c => c is UsageContent)
                ? new ChatResponseUpdate
                {
                    AuthorName = update.AuthorName,
                    Role = update.Role,
                    Contents = update.Contents.Where(c => c is not UsageContent).ToList(),
                    RawRepresentation = update.RawRepresentation,
                    AdditionalProperties = update.AdditionalProperties,
                    ResponseId = update.ResponseId,
                    MessageId = update.MessageId,
                    ConversationId = update.ConversationId,
                    CreatedAt = update.CreatedAt,
                    FinishReason = update.FinishReason,
                    ModelId = update.ModelId,
                }
                : update;
        }
    }

    private static ChatResponseUpdate FinalUpdate(CascadeRoute route, ChatFinishReason? finishReason) => new()
    {
        Role = ChatRole.Assistant,
        FinishReason = finishReason,
        Contents = [new UsageContent(route.TotalUsage.ToUsageDetails())],
        AdditionalProperties = new() { [CascadeRoute.PropertyKey] = route },
    };

    /// <summary>Decides the request's next step from how its last tier call ended.</summary>
    private LadderStep Next(RequestState state, int index, TierOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case TierOutcomeKind.Answered:
                return LadderStep.Kept(outcome);
            case TierOutcomeKind.Rejected:
                state.Best = outcome;
                if (state.Pinned || index == _rungs.Length - 1)
                {
                    // A final tier's answer is kept without gating, so this only happens for a pinned tier's streaming prefix.
                    return LadderStep.Ended(new InvalidOperationException($"Tier '{_rungs[index].Name}' rejected its own answer with no tier above it."));
                }

                int up = NextModelTier(index);
                LogEscalation(Logger, state.Ledger.RequestId, _rungs[index].Name, _rungs[up].Name, outcome.SwitchCause);
                return LadderStep.MoveTo(up, AttemptKind.Escalation, outcome.SwitchCause);
            case TierOutcomeKind.Stopped:
                BudgetExceededException stop = outcome.Stop!;
                state.StopCeiling = stop.Ceiling;
                if (state.Best is { } best && state.Ledger.Limits.OnExceeded == BudgetStopBehavior.ReturnBestAnswer)
                {
                    state.StopReason = stop.Message;
                    return LadderStep.Kept(best);
                }

                return LadderStep.Ended(stop);
            default:
                return AfterFailure(state, index, outcome);
        }
    }

    /// <summary>Moves past a tier that failed, as its failure table action says; ends the request when nothing is left to try.</summary>
    private LadderStep AfterFailure(RequestState state, int index, TierOutcome outcome)
    {
        TierFailedException failure = outcome.Failure!;
        string cause = outcome.SwitchCause!;
        switch (failure.Action)
        {
            case TierFailureAction.TryNextTier when !state.Pinned && index < _rungs.Length - 1:
                int next = NextModelTier(index);
                LogTierUnavailable(Logger, state.Ledger.RequestId, _rungs[index].Name, _rungs[next].Name, cause);
                return LadderStep.MoveTo(next, AttemptKind.Fallback, cause);
            case TierFailureAction.TryLargerContextTier when !state.Pinned:
                int current = _rungs[index].Tier.ContextWindow ?? 0;
                for (int larger = index + 1; larger < _rungs.Length; larger++)
                {
                    if (_rungs[larger].Tier.ContextWindow is null || _rungs[larger].Tier.ContextWindow > current)
                    {
                        return LadderStep.MoveTo(larger, AttemptKind.ContextUpgrade, cause);
                    }
                }

                return LadderStep.Ended(failure);
            default:
                return LadderStep.Ended(failure);
        }
    }

    /// <summary>The next tier up that calls a model: a regex FAQ tier above the start is never an escalation target.</summary>
    private int NextModelTier(int index)
    {
        int next = index + 1;
        while (next < _rungs.Length - 1 && _rungs[next].Tier.Matcher is not null)
        {
            next++;
        }

        return next;
    }

    /// <summary>
    /// Calls one tier for a complete answer and gates it. The one place where the invoker's and the gates' expected
    /// endings (a tier that gave up, a ceiling, the deadline) become outcomes; anything else is a bug or the caller's cancellation.
    /// </summary>
    private async Task<TierOutcome> CallTierAsync(RequestState state, int index, AttemptKind kind, string? cause, CancellationToken token, CancellationToken callerToken)
    {
        CascadeRung rung = _rungs[index];
        if (index == state.StartIndex && state.Faq is { } faq)
        {
            return AnswerFromFaq(state, rung, faq);
        }

        int before = state.Ledger.Attempts.Count;

        // The request's span is the parent of the attempts and gates below; set here because it was started in BeginAsync, whose change of Activity.Current did not flow back.
        Activity.Current = state.Activity ?? Activity.Current;
        try
        {
            bool final = state.Pinned || index == _rungs.Length - 1;
            IReadOnlyList<ChatMessage> messages = MessagesFor(state, index);
            var pipeline = new GatePipeline(rung.Gates, Gating);
            ChatOptions? options = final ? state.Options : pipeline.ShapeRequest(state.Options);
            var request = new TierRequest(rung.Tier, messages, options, state.Ledger, kind, cause) { AnswerJudged = !final };
            TierResponse answer = await Invoker.GetResponseAsync(request, token);
            return final
                ? TierOutcome.Answered(rung, answer.Response, answer.Attempt)
                : await GateAsync(state, rung, pipeline, messages, options, answer.Response, answer.Attempt, token);
        }
        catch (TierFailedException ex)
        {
            return TierOutcome.Failed(rung, ex, state.Ledger.Attempts.Skip(before).Any(a => a.Billed));
        }
        catch (Exception ex) when (StopOf(state, ex, callerToken) is { } stop)
        {
            return TierOutcome.Stopped(rung, stop);
        }
    }

    private async Task<TierOutcome> GateAsync(
        RequestState state, CascadeRung rung, GatePipeline pipeline, IReadOnlyList<ChatMessage> messages, ChatOptions? options, ChatResponse response, AttemptRecord attempt, CancellationToken cancellationToken)
    {
        GateContext context = NewGateContext(state, rung, messages, options, response, attempt.Model);
        GatePipelineResult result = await pipeline.EvaluateAsync(context, cancellationToken);
        state.Ledger.Update(attempt.Sequence, a => a with
        {
            Outcome = result.IsAccepted ? AttemptOutcome.Accepted : AttemptOutcome.Rejected,
            Verdict = result.Verdict,
            Verdicts = result.Verdicts,
        });
        AttemptRecord updated = state.Ledger.Attempts.First(a => a.Sequence == attempt.Sequence);
        return result.IsAccepted
            ? TierOutcome.Answered(rung, pipeline.ShapeResponse(response), updated)
            : TierOutcome.Rejected(rung, response, updated, result.Verdict, $"{result.Verdict.Gate}: {result.Verdict.Reason ?? "rejected"}");
    }

    /// <summary>Answers from a matched FAQ entry: a free attempt, no model call.</summary>
    private static TierOutcome AnswerFromFaq(RequestState state, CascadeRung rung, FaqEntry faq)
    {
        TimeProvider clock = state.Ledger.TimeProvider;
        GateVerdict verdict = GateVerdict.Accept("faq", $"matched pattern '{faq.Pattern}'", 1.0);
        var attempt = new AttemptRecord
        {
            RequestId = state.Ledger.RequestId,
            Sequence = state.Ledger.NextSequence(),
            Tier = rung.Name,
            Deployment = rung.Tier.Primary.Name,
            Provider = rung.Tier.Primary.Provider,
            Model = rung.Tier.Primary.Model,
            Kind = AttemptKind.Initial,
            Outcome = AttemptOutcome.Accepted,
            Billed = false,
            StartedAt = clock.GetUtcNow(),
            TimeToFirstToken = TimeSpan.Zero,
            Verdict = verdict,
            Verdicts = [verdict],
        };
        state.Ledger.Add(attempt);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, faq.Answer))
        {
            ModelId = rung.Tier.Primary.Provider,
            FinishReason = ChatFinishReason.Stop,
        };
        return TierOutcome.Answered(rung, response, attempt);
    }

    private GateContext NewGateContext(RequestState state, CascadeRung rung, IReadOnlyList<ChatMessage> messages, ChatOptions? options, ChatResponse response, string? model) => new()
    {
        Messages = messages,
        Options = options,
        Response = response,
        Tier = rung.Name,
        Model = model,
        IsLastTier = false,
        Workload = state.Ledger.Workload,
        Ledger = state.Ledger,
        Expectations = CascadeRequestOptions.Expectations(state.Options),
    };

    private IReadOnlyList<ChatMessage> MessagesFor(RequestState state, int index) =>
        index == state.StartIndex || Handoff.Mode == HandoffMode.Full ? state.Messages : state.Trimmed ??= new HandoffChatReducer(Handoff).Reduce(state.Messages);

    private async ValueTask<RequestState> BeginAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        if (list.Count == 0)
        {
            throw new InvalidCascadeRequestException("The request has no messages; send at least one user message.", nameof(messages));
        }

        if (options?.ModelId is not null)
        {
            // The cascade chooses the model of every call; a caller's model id would override each tier's. Pin a tier with cascade.tier instead.
            options = options.Clone();
            options.ModelId = null;
        }

        var ledger = new RequestLedger(CascadeRequestOptions.RequestId(options), CascadeRequestOptions.Workload(options), TimeProvider)
        {
            Limits = CascadeRequestOptions.Limits(options) ?? DefaultLimits,
        };
        if (Telemetry is { } metrics)
        {
            ledger.AttemptRecorded = metrics.RecordAttemptMetrics;
        }

        var state = new RequestState { Ledger = ledger, Messages = list, Options = options };
        StartPlan plan = await Planner.PlanAsync(list, options, cancellationToken);
        (state.StartIndex, state.Decision, state.Pinned, state.Probe, state.Faq) = (plan.Index, plan.Decision, plan.Pinned, plan.Probe, plan.Faq);

        state.Activity = Telemetry?.StartRequest(ledger, list);
        LogStart(Logger, ledger.RequestId, state.Decision.StartTier, state.Decision.Mode.ToString());
        return state;
    }

    private ChatResponse Finish(RequestState state, ChatResponse response, CascadeRung rung, AttemptRecord? attempt)
    {
        CascadeRoute route = RouteOf(state, rung.Name, attempt?.Model ?? response.ModelId);
        response.AdditionalProperties ??= [];
        response.AdditionalProperties[CascadeRoute.PropertyKey] = route;
        response.Usage = route.TotalUsage.ToUsageDetails();
        Record(state, route, response, null);
        LogFinish(Logger, state.Ledger.RequestId, rung.Name, route.ModelCalls, route.TotalCost);
        return response;
    }

    /// <summary>Records a request that ends with <paramref name="error"/> (once) and hands the route back on the error itself.</summary>
    private void Fail(RequestState state, Exception error)
    {
        if (!state.Recorded)
        {
            RecordFailure(state, error);
        }

        // The caller reads it with GetCascadeRoute(), whatever the exception: a cancellation and a timeout carry their billed attempts too.
        error.Data[CascadeRoute.PropertyKey] = state.Route;
    }

    private void RecordFailure(RequestState state, Exception error)
    {
        CascadeRoute route = RouteOf(state, null, null) with { StopReason = state.StopReason ?? error.Message };
        switch (error)
        {
            case TierFailedException tier:
                tier.Route = route;
                break;
            case BudgetExceededException budget:
                budget.Route = route;
                break;
        }

        Record(state, route, null, error);
        if (error is OperationCanceledException)
        {
            LogCancelled(Logger, state.Ledger.RequestId);
        }
        else
        {
            LogFailed(Logger, state.Ledger.RequestId, error.Message);
        }
    }

    private CascadeRoute RouteOf(RequestState state, string? tier, string? model) => new()
    {
        RequestId = state.Ledger.RequestId,
        Workload = state.Ledger.Workload,
        Decision = state.Decision,
        ResolvedTier = tier,
        ResolvedModel = model,
        StopReason = state.StopReason,
        Attempts = state.Ledger.Attempts,
    };

    private void Record(RequestState state, CascadeRoute route, ChatResponse? response, Exception? error)
    {
        state.Recorded = true;
        state.Route = route;
        state.Ledger.CloseSpans();
        if (Telemetry is { } telemetry)
        {
            foreach (AttemptRecord attempt in route.Attempts.Where(a => !state.Ledger.HasSpan(a.Sequence)))
            {
                // Attempts whose invoker opened no span (an FAQ answer, a custom invoker): their metrics were recorded as they ended.
                CascadeTelemetry.WriteAttemptSpan(attempt, state.Activity);
            }

            if (error is BudgetExceededException budget)
            {
                telemetry.RecordBudgetStop(budget.Ceiling, route.Workload);
            }
            else if (state.StopReason is not null && state.StopCeiling is { } ceiling)
            {
                telemetry.RecordBudgetStop(ceiling, route.Workload);
            }

            telemetry.CompleteRequest(state.Activity, route, response, error);
        }

        state.Activity?.Dispose();
        // Awaited before a kept answer is returned; on a failure the error is not held back for it.
        state.Persisted = PersistAsync(state, route);
    }

    /// <summary>Writes the attempt log and the workload outcome. A failing store never fails the request; it is logged.</summary>
    private async Task PersistAsync(RequestState state, CascadeRoute route)
    {
        try
        {
            if (StateStore is { } store && route.Attempts.Count > 0)
            {
                await store.AppendAttemptsAsync(route.Attempts);
            }

            if (Workloads is { } workloads)
            {
                await workloads.RecordAsync(route, TimeProvider.GetUtcNow(), state.Probe);
            }
        }
        catch (Exception ex)
        {
            LogStoreFailed(Logger, route.RequestId, ex);
        }
    }

    /// <summary>The ceiling an exception stands for (a budget stop, or the deadline cancelling a call); <see langword="null"/> for anything else, the caller's cancellation included.</summary>
    private static BudgetExceededException? StopOf(RequestState state, Exception ex, CancellationToken callerToken) => ex switch
    {
        BudgetExceededException budget => budget,
        OperationCanceledException when !callerToken.IsCancellationRequested && state.DeadlinePassed =>
            new BudgetExceededException(BudgetCeiling.Deadline, $"Request stopped at its deadline of {state.Ledger.Limits.Timeout!.Value.TotalSeconds:0.###} s."),
        _ => null,
    };

    private int IndexOf(string tier)
    {
        for (int i = 0; i < _rungs.Length; i++)
        {
            if (string.Equals(_rungs[i].Name, tier, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static CascadeRung FinalRung(IChatClient inner, CascadeLadder ladder, PriceCatalog? prices)
    {
        if (inner.GetService(typeof(Tier)) is Tier tier)
        {
            return new CascadeRung(tier, streamingMode: tier.StreamingMode ?? ladder.FinalTierStreaming);
        }

        ChatClientMetadata? metadata = inner.GetService<ChatClientMetadata>();
        string model = metadata?.DefaultModelId ?? ladder.FinalTierName ?? "final";
        PriceTable? price = ladder.FinalTierPrice;
        if (price is null && !(prices ?? DefaultPrices.Value).TryGetPrice(model, out price))
        {
            throw new ArgumentException(
                $"No price is known for the inner client's model '{model}'; set CascadeLadder.FinalTierPrice or add the model to the price file.", nameof(ladder));
        }

        string name = ladder.FinalTierName ?? model;
        var deployment = new Deployment(name, metadata?.ProviderName ?? "inner", model, inner, price);
        return new CascadeRung(new Tier(name, [deployment]), streamingMode: ladder.FinalTierStreaming);
    }

    private static readonly Lazy<PriceCatalog> DefaultPrices = new(PriceCatalog.LoadDefault);

    [LoggerMessage(1, LogLevel.Debug, "Request {RequestId} starts at tier {Tier} ({Mode}).")]
    private static partial void LogStart(ILogger logger, string requestId, string tier, string mode);

    [LoggerMessage(2, LogLevel.Debug, "Request {RequestId} resolved at tier {Tier} after {Calls} model call(s), ${Cost}.")]
    private static partial void LogFinish(ILogger logger, string requestId, string tier, int calls, decimal cost);

    [LoggerMessage(3, LogLevel.Information, "Request {RequestId} escalates from {From} to {To}: {Cause}.")]
    private static partial void LogEscalation(ILogger logger, string requestId, string from, string to, string? cause);

    [LoggerMessage(4, LogLevel.Warning, "Request {RequestId}: tier {From} is unavailable ({Cause}); falling back to tier {To}.")]
    private static partial void LogTierUnavailable(ILogger logger, string requestId, string from, string to, string cause);

    [LoggerMessage(5, LogLevel.Warning, "Request {RequestId} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string requestId, string error);

    [LoggerMessage(6, LogLevel.Debug, "Request {RequestId} was cancelled by its caller.")]
    private static partial void LogCancelled(ILogger logger, string requestId);

    [LoggerMessage(7, LogLevel.Warning, "Request {RequestId}: the attempt log or workload statistics could not be written.")]
    private static partial void LogStoreFailed(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Request {RequestId}: the stream of tier {Tier} failed with {Cause} after {Characters} character(s) reached the caller; it ends with an error, the partial is billed.")]
    private static partial void LogStreamInterrupted(ILogger logger, string requestId, string tier, FailureCause cause, int characters);
}
