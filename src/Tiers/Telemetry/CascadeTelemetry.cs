using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using static Cascade.CascadeTelemetryNames;

namespace Cascade;

/// <summary>
/// Cascade's traces and metrics: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// <see cref="CascadeTelemetryNames.SourceName"/>. A span per request and per attempt, and the counters and
/// histograms a dashboard needs: requests by resolved tier, escalations by workload, fallbacks by cause, cost,
/// tokens, attempt duration and time to first token.
/// </summary>
/// <remarks>
/// <para>An attempt's span starts with the attempt, inside the invoker, and is current while the provider is called,
/// so the provider's HTTP span is its child; it ends when the attempt is recorded, or, for an answer the cascade
/// judges, when the verdict is. An attempt made by an invoker that opens no span gets one written from its record
/// when the request ends (start time and duration as measured). Attempt metrics are recorded as attempts end.</para>
/// <para>Message content is recorded only when <see cref="CaptureContent"/> is on.</para>
/// </remarks>
public sealed class CascadeTelemetry : IDisposable
{
    private static readonly ActivitySource s_source = new(SourceName);

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _escalations;
    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _budgetStops;
    private readonly Histogram<double> _requestCost;
    private readonly Histogram<double> _attemptCost;
    private readonly Histogram<long> _tokens;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _timeToFirstToken;

    /// <summary>Initializes the instruments on a meter from <paramref name="meterFactory"/>, or a new meter.</summary>
    public CascadeTelemetry(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(SourceName) ?? new Meter(SourceName);
        _requests = _meter.CreateCounter<long>(Requests, "{request}", "Requests by resolved tier, workload and route mode.");
        _escalations = _meter.CreateCounter<long>(Escalations, "{escalation}", "Cost escalations by workload, the tier escalated from and the cause (the gate that rejected).");
        _fallbacks = _meter.CreateCounter<long>(Fallbacks, "{fallback}", "Reliability fallbacks by cause.");
        _retries = _meter.CreateCounter<long>(Retries, "{retry}", "Retries by cause.");
        _budgetStops = _meter.CreateCounter<long>(BudgetStops, "{request}", "Requests stopped by a ceiling.");
        _requestCost = _meter.CreateHistogram<double>(RequestCost, "USD", "Cost per request, all billed attempts included.");
        _attemptCost = _meter.CreateHistogram<double>(AttemptCost, "USD", "Cost per billed attempt.");
        _tokens = _meter.CreateHistogram<long>(CascadeTelemetryNames.TokenUsage, "{token}", "Tokens per billed attempt.");
        _duration = _meter.CreateHistogram<double>(OperationDuration, "s", "Attempt duration.");
        _timeToFirstToken = _meter.CreateHistogram<double>(TimeToFirstToken, "s", "Time to the first token of an attempt.");
    }

    /// <summary>Gets the activity source.</summary>
    public static ActivitySource ActivitySource => s_source;

    /// <summary>Gets the meter.</summary>
    public Meter Meter => _meter;

    /// <summary>Gets or sets whether message content is recorded on spans.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool CaptureContent { get; set; }

    /// <summary>Starts the span of a request.</summary>
    public Activity? StartRequest(RequestLedger ledger, IEnumerable<ChatMessage>? messages = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        Activity? activity = s_source.StartActivity(RequestActivity, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GenAI.OperationName, "chat");
            activity.SetTag(Tags.RequestId, ledger.RequestId);
            if (ledger.Workload is { } workload)
            {
                activity.SetTag(Tags.Workload, workload);
            }

            if (CaptureContent && messages is not null)
            {
                activity.SetTag(GenAI.InputMessages, JsonSerializer.Serialize(messages, AIJsonUtilities.DefaultOptions));
            }
        }

        return activity;
    }

    /// <summary>Records a finished attempt that had no live span: its span (child of <paramref name="parent"/>), written after the fact, and its metrics.</summary>
    public void RecordAttempt(AttemptRecord attempt, Activity? parent = null)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        RecordAttemptMetrics(attempt);
        WriteAttemptSpan(attempt, parent);
    }

    /// <summary>Records the metrics of an attempt that has ended: tokens, cost, duration, time to first token, retries and fallbacks.</summary>
    public void RecordAttemptMetrics(AttemptRecord attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var tags = new TagList
        {
            { GenAI.OperationName, "chat" },
            { GenAI.ProviderName, attempt.Provider },
            { GenAI.RequestModel, attempt.Model },
            { Tags.Tier, attempt.Tier },
            { Tags.AttemptKind, Lower(attempt.Kind) },
        };

        if (attempt.Billed)
        {
            _tokens.Record(attempt.Usage.TotalInputTokens, WithTag(tags, GenAI.TokenType, "input"));
            _tokens.Record(attempt.Usage.OutputTokens, WithTag(tags, GenAI.TokenType, "output"));
            _attemptCost.Record((double)attempt.Cost, tags);
        }

        TagList durationTags = tags;
        if (attempt.Failure is { } failure)
        {
            durationTags.Add(GenAI.ErrorType, Lower(failure));
        }

        _duration.Record(attempt.Duration.TotalSeconds, durationTags);
        if (attempt.TimeToFirstToken is { } ttft)
        {
            _timeToFirstToken.Record(ttft.TotalSeconds, tags);
        }

        if (attempt.Kind == AttemptKind.Fallback)
        {
            _fallbacks.Add(1, new TagList { { Tags.Tier, attempt.Tier }, { Tags.Cause, attempt.SwitchCause ?? "unknown" } });
        }
        else if (attempt.Kind == AttemptKind.Retry)
        {
            _retries.Add(1, new TagList { { Tags.Tier, attempt.Tier }, { Tags.Cause, attempt.SwitchCause ?? "unknown" } });
        }
    }

    /// <summary>Starts the span of an attempt as the attempt starts; it becomes <see cref="Activity.Current"/> for the provider call.</summary>
    internal static Activity? StartAttemptSpan(TierRequest request, Deployment deployment, int sequence, AttemptKind kind)
    {
        if (!s_source.HasListeners())
        {
            return null;
        }

        Activity? span = s_source.StartActivity($"chat {deployment.Model}", ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(GenAI.OperationName, "chat");
            span.SetTag(GenAI.ProviderName, deployment.Provider);
            span.SetTag(GenAI.RequestModel, deployment.Model);
            span.SetTag(Tags.RequestId, request.Ledger.RequestId);
            span.SetTag(Tags.Tier, request.Tier.Name);
            span.SetTag(Tags.Deployment, deployment.Name);
            span.SetTag(Tags.AttemptSequence, sequence);
            span.SetTag(Tags.AttemptKind, Lower(kind));
        }

        return span;
    }

    /// <summary>Tags a live attempt span with its record (outcome, usage, cost, verdict, failure) and ends it, once.</summary>
    internal static void FinishAttemptSpan(Activity span, AttemptRecord? attempt)
    {
        if (attempt is not null && span.IsAllDataRequested)
        {
            Tag(span, attempt);
        }

        if (!span.IsStopped)
        {
            span.Stop();
        }
    }

    /// <summary>Completes a request: tags its span with the route and records the request metrics.</summary>
    public void CompleteRequest(Activity? activity, CascadeRoute route, ChatResponse? response = null, Exception? error = null)
    {
        ArgumentNullException.ThrowIfNull(route);
        string workload = route.Workload ?? "";
        string resolved = route.ResolvedTier ?? "(none)";
        _requests.Add(1, new TagList
        {
            { Tags.ResolvedTier, resolved },
            { Tags.Workload, workload },
            { Tags.RouteMode, route.Decision is null ? "cascade" : Lower(route.Decision.Mode) },
        });
        _requestCost.Record((double)route.TotalCost, new TagList { { Tags.Workload, workload }, { Tags.ResolvedTier, resolved } });
        foreach (AttemptRecord escalation in route.Attempts.Where(a => a.Kind == AttemptKind.Escalation))
        {
            string? from = route.Attempts.LastOrDefault(a => a.Sequence < escalation.Sequence && a.Kind != AttemptKind.Verification)?.Tier;
            _escalations.Add(1, new TagList { { Tags.Workload, workload }, { Tags.FromTier, from ?? "" }, { Tags.Tier, escalation.Tier }, { Tags.Cause, escalation.SwitchCause ?? "" } });
        }

        if (activity is null)
        {
            return;
        }

        activity.SetTag(Tags.ResolvedTier, route.ResolvedTier);
        activity.SetTag(GenAI.ResponseModel, route.ResolvedModel);
        activity.SetTag(Tags.Cost, route.TotalCost.ToString(CultureInfo.InvariantCulture));
        activity.SetTag(GenAI.InputTokens, route.TotalUsage.TotalInputTokens);
        activity.SetTag(GenAI.OutputTokens, route.TotalUsage.OutputTokens);
        activity.SetTag(Tags.EscalationCount, route.Escalations);
        activity.SetTag(Tags.FallbackCount, route.Fallbacks);
        if (route.Decision is { } decision)
        {
            activity.SetTag(Tags.RouteMode, Lower(decision.Mode));
            activity.SetTag(Tags.RouteReason, decision.Reason);
        }

        if (route.StopReason is { } stop)
        {
            activity.SetTag(Tags.StopReason, stop);
        }

        if (CaptureContent && response is not null)
        {
            activity.SetTag(GenAI.OutputMessages, JsonSerializer.Serialize(response.Messages, AIJsonUtilities.DefaultOptions));
        }

        if (error is not null)
        {
            activity.SetTag(GenAI.ErrorType, error.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
        }
    }

    /// <summary>Counts a request stopped by a ceiling.</summary>
    public void RecordBudgetStop(BudgetCeiling ceiling, string? workload) =>
        _budgetStops.Add(1, new TagList { { Tags.Ceiling, Lower(ceiling) }, { Tags.Workload, workload ?? "" } });

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();

    /// <summary>Writes the span of an attempt that had no live span, from its record.</summary>
    internal static void WriteAttemptSpan(AttemptRecord attempt, Activity? parent)
    {
        if (!s_source.HasListeners())
        {
            return;
        }

        using Activity? span = s_source.StartActivity(
            $"chat {attempt.Model}",
            ActivityKind.Client,
            parent?.Context ?? Activity.Current?.Context ?? default,
            startTime: attempt.StartedAt);
        if (span is null)
        {
            return;
        }

        Tag(span, attempt);
        span.SetEndTime((attempt.StartedAt + attempt.Duration).UtcDateTime);
    }

    private static void Tag(Activity span, AttemptRecord attempt)
    {
        span.SetTag(GenAI.OperationName, "chat");
        span.SetTag(GenAI.ProviderName, attempt.Provider);
        span.SetTag(GenAI.RequestModel, attempt.Model);
        span.SetTag(Tags.RequestId, attempt.RequestId);
        span.SetTag(Tags.Tier, attempt.Tier);
        span.SetTag(Tags.Deployment, attempt.Deployment);
        span.SetTag(Tags.AttemptSequence, attempt.Sequence);
        span.SetTag(Tags.AttemptKind, Lower(attempt.Kind));
        span.SetTag(Tags.AttemptOutcome, Lower(attempt.Outcome));
        span.SetTag(Tags.Cause, attempt.SwitchCause);
        span.SetTag(Tags.Billed, attempt.Billed);
        span.SetTag(Tags.Cost, attempt.Cost.ToString(CultureInfo.InvariantCulture));
        span.SetTag(GenAI.InputTokens, attempt.Usage.TotalInputTokens);
        span.SetTag(GenAI.OutputTokens, attempt.Usage.OutputTokens);
        span.SetTag(Tags.UsageEstimated, attempt.Usage.IsEstimated);
        if (attempt.Verdict is { } verdict)
        {
            span.SetTag(Tags.Verdict, Lower(verdict.Decision));
            span.SetTag(Tags.VerdictGate, verdict.Gate);
            span.SetTag(Tags.VerdictReason, verdict.Reason);
        }

        if (attempt.Failure is { } failure)
        {
            span.SetTag(Tags.Failure, Lower(failure));
            span.SetTag(GenAI.ErrorType, Lower(failure));
            span.SetStatus(ActivityStatusCode.Error, attempt.Error);
        }
    }

    private static TagList WithTag(TagList tags, string key, object? value)
    {
        TagList copy = tags;
        copy.Add(key, value);
        return copy;
    }

    private static string Lower<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
