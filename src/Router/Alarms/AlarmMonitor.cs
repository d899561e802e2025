using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cascade.Router;

/// <summary>
/// Raises and clears the router's alarms: a workload's escalation rate, the fallback share, open circuits and keys
/// spending ahead of their caps' pace, each against the thresholds of <see cref="AlarmOptions"/>.
/// </summary>
/// <remarks>
/// Every evaluation reads the shared state (so every replica sees the same conditions) and compares the conditions that
/// hold with the alarms active: a new one is logged as a warning and counted in <c>cascade.router.alarms.raised</c>, one
/// whose condition ended is logged as cleared; <c>cascade.router.alarms.active</c> reports 1 per active alarm.
/// </remarks>
public sealed partial class AlarmMonitor
{
    /// <summary>The name of the router's meter.</summary>
    public const string MeterName = "Cascade.Router";

    /// <summary>The counter of raised alarms, by kind and subject.</summary>
    public const string RaisedMetric = "cascade.router.alarms.raised";

    /// <summary>The gauge of active alarms, by kind and subject.</summary>
    public const string ActiveMetric = "cascade.router.alarms.active";

    private readonly ICascadeStateStore _state;
    private readonly IRequestIndex _index;
    private readonly CircuitDirectory _circuits;
    private readonly IApiKeyStore _keys;
    private readonly ISpendStore _spend;
    private readonly TimeProvider _timeProvider;
    private readonly AlarmOptions _options;
    private readonly ILogger<AlarmMonitor> _logger;
    private readonly Counter<long> _raised;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile IReadOnlyDictionary<(AlarmKind, string), Alarm> _active = new Dictionary<(AlarmKind, string), Alarm>();

    /// <summary>Initializes the monitor.</summary>
    public AlarmMonitor(
        ICascadeStateStore state,
        IRequestIndex index,
        CircuitDirectory circuits,
        IApiKeyStore keys,
        ISpendStore spend,
        IOptions<RouterOptions> options,
        TimeProvider timeProvider,
        ILogger<AlarmMonitor> logger,
        IMeterFactory? meterFactory = null)
    {
        _state = state;
        _index = index;
        _circuits = circuits;
        _keys = keys;
        _spend = spend;
        _options = options.Value.Alarms;
        _timeProvider = timeProvider;
        _logger = logger;
        Meter meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _raised = meter.CreateCounter<long>(RaisedMetric, "{alarm}", "Alarms raised, by kind and subject.");
        meter.CreateObservableGauge(ActiveMetric, ObserveActive, "{alarm}", "Active alarms: 1 per alarm, by kind and subject.");
    }

    /// <summary>Gets the active alarms, by kind then subject.</summary>
    public IReadOnlyList<Alarm> Active => Sorted(_active.Values);

    /// <summary>Measures every condition, raises the alarms that now hold and clears those that ended.</summary>
    /// <returns>The active alarms.</returns>
    public async ValueTask<IReadOnlyList<Alarm>> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        if (!_options.Enabled)
        {
            return [];
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            DateTimeOffset now = _timeProvider.GetUtcNow();
            List<Alarm> holding = [];
            await EscalationsAsync(holding, now, cancellationToken);
            await FallbacksAsync(holding, now, cancellationToken);
            await CircuitsAsync(holding, now, cancellationToken);
            await SpendAsync(holding, now, cancellationToken);

            Dictionary<(AlarmKind, string), Alarm> next = [];
            foreach (Alarm alarm in holding)
            {
                if (_active.TryGetValue((alarm.Kind, alarm.Subject), out Alarm? already))
                {
                    next[(alarm.Kind, alarm.Subject)] = alarm with { RaisedAt = already.RaisedAt };
                    continue;
                }

                next[(alarm.Kind, alarm.Subject)] = alarm;
                LogAlarmRaised(_logger, alarm.Kind, alarm.Subject, alarm.Value, alarm.Threshold, alarm.Message);
                _raised.Add(1, new TagList { { "cascade.alarm.kind", Name(alarm.Kind) }, { "cascade.alarm.subject", alarm.Subject } });
            }

            foreach (Alarm ended in _active.Values.Where(a => !next.ContainsKey((a.Kind, a.Subject))))
            {
                LogAlarmCleared(_logger, ended.Kind, ended.Subject, now - ended.RaisedAt);
            }

            _active = next;
            return Sorted(next.Values);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask EscalationsAsync(List<Alarm> holding, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (string workload in await _state.GetWorkloadsAsync(cancellationToken))
        {
            IReadOnlyList<WorkloadOutcome> outcomes = await _state.GetWorkloadOutcomesAsync(workload, _options.Window, cancellationToken);
            WorkloadStatistics statistics = WorkloadStatistics.From(workload, outcomes);
            if (statistics.Requests >= _options.MinimumRequests && statistics.EscalationRate > _options.EscalationRate)
            {
                holding.Add(new Alarm(
                    AlarmKind.EscalationRate,
                    workload,
                    statistics.EscalationRate,
                    _options.EscalationRate,
                    now,
                    $"Workload '{workload}' escalated {Percent(statistics.EscalationRate)} of its last {statistics.Requests} requests (threshold {Percent(_options.EscalationRate)}): its start tier usually fails; start it higher or fix its gate."));
            }
        }
    }

    private async ValueTask FallbacksAsync(List<Alarm> holding, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<RequestEntry> entries = await _index.ListAsync(null, null, _options.Window, cancellationToken);
        TrackedRequest[] requests = (await RequestsApi.TrackAsync(_state, entries, cancellationToken)).Where(r => r.Route.Attempts.Count > 0).ToArray();
        if (requests.Length < _options.MinimumRequests)
        {
            return;
        }

        double share = (double)requests.Count(r => r.Route.Fallbacks > 0) / requests.Length;
        if (share > _options.FallbackShare)
        {
            holding.Add(new Alarm(
                AlarmKind.FallbackShare,
                "all",
                share,
                _options.FallbackShare,
                now,
                $"{Percent(share)} of the last {requests.Length} requests needed a reliability fallback (threshold {Percent(_options.FallbackShare)}): a provider is failing."));
        }
    }

    private async ValueTask CircuitsAsync(List<Alarm> holding, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (CircuitView circuit in await _circuits.ListAsync(cancellationToken))
        {
            if (circuit.State != CircuitState.Closed)
            {
                holding.Add(new Alarm(
                    AlarmKind.CircuitOpen,
                    circuit.CircuitKey,
                    circuit.ConsecutiveFailures,
                    0,
                    now,
                    $"The circuit of {circuit.CircuitKey} ({circuit.Provider}:{circuit.Model}) is {circuit.State} since {circuit.OpenedAt:O}; next probe {circuit.NextProbeAt:O}. Reset it with POST /admin/circuits/{circuit.Deployment}/reset once the provider is back."));
            }
        }
    }

    private async ValueTask SpendAsync(List<Alarm> holding, DateTimeOffset now, CancellationToken cancellationToken)
    {
        DateTimeOffset day = new(now.UtcDateTime.Date, TimeSpan.Zero);
        DateTimeOffset month = new(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        double dayShare = (now - day) / TimeSpan.FromDays(1);
        double monthShare = (now - month) / (month.AddMonths(1) - month);
        foreach (ApiKeyRecord key in await _keys.ListAsync(cancellationToken))
        {
            if (key.IsRevoked || (key.Policy.DailySpendCap is null && key.Policy.MonthlySpendCap is null))
            {
                continue;
            }

            SpendSnapshot spend = await _spend.GetAsync(key.Id, cancellationToken);
            Pace("daily", key.Policy.DailySpendCap, spend.DailyBilled, dayShare, "day");
            Pace("monthly", key.Policy.MonthlySpendCap, spend.MonthlyBilled, monthShare, "month");

            void Pace(string period, decimal? cap, decimal billed, double elapsed, string noun)
            {
                if (cap is not { } value || value == 0)
                {
                    return;
                }

                decimal pace = value * (decimal)(elapsed * _options.SpendPaceTolerance);
                if (billed > pace && billed >= value * (decimal)_options.SpendPaceMinimumShare)
                {
                    holding.Add(new Alarm(
                        AlarmKind.SpendPace,
                        $"{key.Id}/{period}",
                        (double)billed,
                        (double)pace,
                        now,
                        $"Key '{key.Name}' ({key.Id}) billed {billed.ToString("0.######", CultureInfo.InvariantCulture)} USD of its {period} cap of {value.ToString("0.######", CultureInfo.InvariantCulture)} USD with {Percent(elapsed)} of the {noun} gone: at this rate it reaches the cap early.",
                        key.Id));
                }
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveActive() =>
        _active.Values.Select(a => new Measurement<int>(1, new KeyValuePair<string, object?>("cascade.alarm.kind", Name(a.Kind)), new KeyValuePair<string, object?>("cascade.alarm.subject", a.Subject)));

    private static IReadOnlyList<Alarm> Sorted(IEnumerable<Alarm> alarms) =>
        alarms.OrderBy(a => a.Kind).ThenBy(a => a.Subject, StringComparer.Ordinal).ToArray();

    private static string Name(AlarmKind kind) => kind switch
    {
        AlarmKind.EscalationRate => "escalation_rate",
        AlarmKind.FallbackShare => "fallback_share",
        AlarmKind.CircuitOpen => "circuit_open",
        _ => "spend_pace",
    };

    private static string Percent(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Alarm raised: {AlarmKind} on {AlarmSubject} at {AlarmValue} (threshold {AlarmThreshold}). {AlarmMessage}")]
    private static partial void LogAlarmRaised(ILogger logger, AlarmKind alarmKind, string alarmSubject, double alarmValue, double alarmThreshold, string alarmMessage);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Alarm cleared: {AlarmKind} on {AlarmSubject} after {AlarmDuration}.")]
    private static partial void LogAlarmCleared(ILogger logger, AlarmKind alarmKind, string alarmSubject, TimeSpan alarmDuration);
}
