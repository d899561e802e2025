using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Cascade.Verifier.Verification;

/// <summary>
/// Runs the gates of <c>src/Tiers</c> on a candidate answer: the service's configured checks (or the request's), cheapest
/// first, with the calibration's thresholds and abstention rules, the judge and consistency checks calling the judge tier.
/// Caches verdicts and attributes the verification's cost to the caller's request id.
/// </summary>
public sealed partial class VerificationEngine
{
    private static readonly string[] ModelCheckKinds = [JudgeGate.Kind, ConsistencyGate.Kind];

    private readonly VerifierOptions _options;
    private readonly VerifierTiers _tiers;
    private readonly GateRegistry _registry;
    private readonly ITierInvoker _invoker;
    private readonly IServiceProvider _services;
    private readonly VerificationCache _cache;
    private readonly VerificationAccounts _accounts;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<VerificationEngine> _logger;
    private readonly VerifierTelemetry _telemetry;
    private readonly Dictionary<string, GateOptions> _checkOptions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IQualityGate> _gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _unavailable = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Initializes the engine and builds every check; an invalid check configuration stops start-up.</summary>
    public VerificationEngine(
        IOptions<VerifierOptions> options,
        VerifierTiers tiers,
        GateRegistry registry,
        ITierInvoker invoker,
        IServiceProvider services,
        VerificationCache cache,
        VerificationAccounts accounts,
        TimeProvider timeProvider,
        ILogger<VerificationEngine> logger,
        VerifierTelemetry? telemetry = null)
    {
        _telemetry = telemetry ?? new VerifierTelemetry();
        _options = options.Value;
        _tiers = tiers;
        _registry = registry;
        _invoker = invoker;
        _services = services;
        _cache = cache;
        _accounts = accounts;
        _timeProvider = timeProvider;
        _logger = logger;
        Calibration = _options.CalibrationFile is { } file ? GateCalibration.Load(file) : null;

        List<GateOptions> configured = _options.Checks.Count > 0 ? _options.Checks : VerifierOptions.DefaultChecks.Select(k => new GateOptions { Kind = k }).ToList();
        var defaults = new List<string>();
        foreach (GateOptions check in configured)
        {
            if (TryAddCheck(check))
            {
                defaults.Add(check.Kind);
            }
        }

        // Every other built-in kind is available to requests that ask for it, with its default settings.
        foreach (string kind in _registry.Kinds.Where(k => !_gates.ContainsKey(k) && !k.Equals(RemoteVerifierGate.Kind, StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            TryAddCheck(new GateOptions { Kind = kind });
        }

        DefaultChecks = defaults;
    }

    /// <summary>Gets the checks a request may name.</summary>
    public IReadOnlyCollection<string> AvailableChecks => _gates.Keys;

    /// <summary>Gets the checks run when a request names none, in order.</summary>
    public IReadOnlyList<string> DefaultChecks { get; }

    /// <summary>Gets the loaded calibration, if any.</summary>
    public GateCalibration? Calibration { get; }

    /// <summary>Verifies a validated request: from the cache when the same candidate was judged before.</summary>
    public async Task<VerificationResult> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string requestId = string.IsNullOrWhiteSpace(request.RequestId) ? RequestLedger.NewRequestId() : request.RequestId;
        using Activity? span = VerifierTelemetry.StartVerify(requestId, request.Workload);

        // The shared evaluation runs on its own token: one caller leaving must not fail another caller waiting on it.
        (VerificationResult result, bool cached) = await _cache.GetOrEvaluateAsync(request, () => EvaluateAsync(request with { RequestId = requestId }, CancellationToken.None))
            .WaitAsync(cancellationToken);
        if (cached)
        {
            result = result with { RequestId = requestId, Cached = true, Cost = new VerificationCost() };
        }
        else
        {
            result = result with { RequestId = requestId };
        }

        _accounts.Add(requestId, result.Cost, cached);
        _telemetry.Record(span, result, request.Workload);
        Log.Verified(_logger, requestId, request.Workload, result.Verdict, result.Score, result.Cost.Usd, cached);
        return result;
    }

    /// <summary>Runs the checks once, without the cache.</summary>
    internal async Task<VerificationCache.Evaluation> EvaluateAsync(VerificationRequest request, CancellationToken cancellationToken)
    {
        VerificationCandidate candidate = request.Candidate!;
        string? workload = request.Workload;
        string? model = candidate.Model;
        var ledger = new RequestLedger(request.RequestId, workload, _timeProvider);
        GateContext context = CreateContext(request, ledger);

        AbstentionRule? rule = request.Policy?.Abstention ?? Calibration?.AbstentionFor(workload, model) ?? _options.Abstention;
        var pipelineOptions = new GatePipelineOptions { Abstention = rule ?? AbstentionRule.Accept };
        var pipeline = new GatePipeline(GatesFor(request.Policy), pipelineOptions);
        GatePipelineResult outcome = await pipeline.EvaluateAsync(context, cancellationToken);

        GateDecision verdict = outcome.ResolvedByAbstention && rule is null ? GateDecision.Abstain : outcome.Decision;
        double score = outcome.Verdict.Score ?? verdict switch
        {
            GateDecision.Accept => 1,
            GateDecision.Reject => 0,
            _ => outcome.Verdicts.Where(v => v.Score is not null).Select(v => v.Score!.Value).DefaultIfEmpty(0.5).Min(),
        };

        IReadOnlyList<AttemptRecord> attempts = ledger.Attempts;
        var reasons = new List<VerificationReason>();
        if (outcome.ResolvedByAbstention)
        {
            string how = rule is null ? "every check abstained" : $"every check abstained; rule: {rule.Value.ToString().ToLowerInvariant()}";
            reasons.Add(new VerificationReason(GatePipelineResult.PipelineGateName, how));
            reasons.AddRange(outcome.Verdicts.Where(v => v.Reason is not null).Select(v => new VerificationReason(v.Gate, v.Reason!)));
        }
        else
        {
            reasons.Add(new VerificationReason(outcome.Verdict.Gate, outcome.Verdict.Reason ?? outcome.Verdict.Decision.ToString().ToLowerInvariant()));
        }

        var result = new VerificationResult
        {
            RequestId = request.RequestId,
            Verdict = verdict,
            Score = Math.Clamp(score, 0, 1),
            Reasons = reasons,
            Checks = outcome.Verdicts.Select(v => new VerificationCheck(v.Gate, v.Decision, v.Score, v.Reason)).ToArray(),
            Cost = new VerificationCost
            {
                Usd = attempts.Where(a => a.Billed).Sum(a => a.Cost),
                InputTokens = attempts.Sum(a => a.Usage.TotalInputTokens),
                OutputTokens = attempts.Sum(a => a.Usage.OutputTokens),
                ModelCalls = attempts.Count,
                Model = attempts.Count == 0 ? null : attempts[^1].Model,
            },
        };
        bool cacheable = attempts.All(a => a.Outcome is not (AttemptOutcome.Failed or AttemptOutcome.Cancelled));
        return new VerificationCache.Evaluation(result, cacheable);
    }

    /// <summary>Builds the gate context of a request: its messages, the candidate as a response, its expectations.</summary>
    internal static GateContext CreateContext(VerificationRequest request, RequestLedger ledger)
    {
        VerificationCandidate candidate = request.Candidate!;
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, candidate.Text ?? ""))
        {
            FinishReason = string.IsNullOrWhiteSpace(candidate.FinishReason) ? null : new ChatFinishReason(candidate.FinishReason.Trim().ToLowerInvariant()),
            ModelId = candidate.Model,
        };
        if (candidate.LogprobConfidence is { } logprob)
        {
            response.AdditionalProperties = new() { [LogprobConfidence.PropertyKey] = logprob };
        }

        VerificationExpectations? expected = request.Expectations;
        return new GateContext
        {
            Messages = request.Messages.Select(m => new ChatMessage(new ChatRole(m.Role.ToLowerInvariant()), m.Content)).ToArray(),
            Response = response,
            Tier = candidate.Tier ?? "unknown",
            Model = candidate.Model,
            Workload = request.Workload,
            Ledger = ledger,
            Expectations = expected is null ? null : new GateExpectations
            {
                JsonSchema = expected.JsonSchema?.GetRawText(),
                FormatPattern = expected.FormatPattern,
                Choices = expected.Choices,
            },
        };
    }

    private IEnumerable<IQualityGate> GatesFor(VerificationPolicy? policy)
    {
        IEnumerable<string> kinds = policy?.Checks ?? DefaultChecks;
        foreach (string kind in kinds)
        {
            if (policy?.AcceptAtOverall is { } overall && kind.Equals(JudgeGate.Kind, StringComparison.OrdinalIgnoreCase))
            {
                GateOptions judge = _checkOptions[kind];
                var settings = new Dictionary<string, string?>(judge.Settings, StringComparer.OrdinalIgnoreCase)
                {
                    [nameof(JudgeGateOptions.AcceptAtOverall)] = overall.ToString(CultureInfo.InvariantCulture),
                };
                yield return Create(new GateOptions { Kind = judge.Kind, Settings = settings });
            }
            else
            {
                yield return _gates[kind];
            }
        }
    }

    private bool TryAddCheck(GateOptions check)
    {
        if (_gates.ContainsKey(check.Kind))
        {
            return true;
        }

        var settings = new Dictionary<string, string?>(check.Settings ?? [], StringComparer.OrdinalIgnoreCase);
        if (ModelCheckKinds.Contains(check.Kind, StringComparer.OrdinalIgnoreCase))
        {
            if (_tiers.Judge is null && !settings.ContainsKey("Tier"))
            {
                if (_unavailable.Add(check.Kind))
                {
                    Log.CheckUnavailable(_logger, check.Kind);
                }

                return false;
            }

            settings.TryAdd("Tier", VerifierTiers.JudgeTierName);
        }

        if (check.Kind.Equals(LogprobConfidenceGate.Kind, StringComparison.OrdinalIgnoreCase) && _options.CalibrationFile is { } file)
        {
            settings.TryAdd("CalibrationFile", file);
        }

        var options = new GateOptions { Kind = check.Kind, Settings = settings };
        _gates[check.Kind] = Create(options);
        _checkOptions[check.Kind] = options;
        return true;
    }

    private IQualityGate Create(GateOptions options) => _registry.Create(options, _tiers.Find, _invoker, _services);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Verified request {RequestId} (workload {Workload}): {Verdict} at {Score:0.###}, cost {Cost} USD, cached {Cached}")]
        public static partial void Verified(ILogger logger, string requestId, string? workload, GateDecision verdict, double score, decimal cost, bool cached);

        [LoggerMessage(2, LogLevel.Warning, "The '{Check}' check is unavailable: no judge model is configured (Verifier:Judge:Provider is none)")]
        public static partial void CheckUnavailable(ILogger logger, string check);
    }
}
