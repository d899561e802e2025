using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// Asks the verifier service whether to keep the answer. Its verdict, score and reasons become the gate's; its cost is
/// recorded in the request's ledger as a <see cref="AttemptKind.Verification"/> attempt of provider <c>verifier</c>. When the
/// verifier is down or slower than <see cref="RemoteVerifierGateOptions.Timeout"/>, the gate says
/// <see cref="RemoteVerifierGateOptions.WhenUnavailable"/> (default: reject, so the cascade escalates) and the failed call is
/// recorded too.
/// </summary>
public sealed class RemoteVerifierGate : IQualityGate
{
    /// <summary>The gate's kind and name: <c>verifier</c>.</summary>
    public const string Kind = "verifier";

    /// <summary>The provider, tier and deployment name of verification attempts in the ledger.</summary>
    public const string Provider = "verifier";

    private readonly IVerifierClient _client;
    private readonly RemoteVerifierGateOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes the gate.</summary>
    /// <param name="client">The verifier's client.</param>
    /// <param name="options">The timeout and the behaviour when the verifier is down.</param>
    /// <param name="timeProvider">The clock of the timeout; the system clock when <see langword="null"/>.</param>
    public RemoteVerifierGate(IVerifierClient client, RemoteVerifierGateOptions? options = null, TimeProvider? timeProvider = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new RemoteVerifierGateOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public string Name => Kind;

    /// <inheritdoc/>
    public GateCost Cost => GateCost.Remote;

    /// <summary>Builds the verifier's request from a gate context.</summary>
    public static VerificationRequest CreateRequest(GateContext context, IReadOnlyList<string>? checks = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        GateExpectations? expected = context.Expectations;
        string? schema = JsonSchemaGate.FindSchema(expected, context.Options, out _);
        return new VerificationRequest
        {
            RequestId = context.Ledger.RequestId,
            Workload = context.Workload ?? context.Ledger.Workload,
            Messages = context.Messages.Select(m => new VerificationMessage(m.Role.Value, m.Text)).ToArray(),
            Candidate = new VerificationCandidate
            {
                Text = context.Text,
                FinishReason = context.Response.FinishReason?.Value,
                LogprobConfidence = LogprobConfidence.TryGet(context.Response, LogprobAggregation.Sum, out double logprob) ? logprob : null,
                Tier = context.Tier,
                Model = context.Model ?? context.Response.ModelId,
            },
            Expectations = expected is null && schema is null ? null : new VerificationExpectations
            {
                JsonSchema = schema is null ? null : JsonDocument.Parse(schema).RootElement.Clone(),
                FormatPattern = expected?.FormatPattern,
                Choices = expected?.Choices,
            },
            Policy = checks is null ? null : new VerificationPolicy { Checks = checks },
        };
    }

    /// <inheritdoc/>
    public async ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        VerificationRequest request = CreateRequest(context, _options.Checks);
        RequestLedger ledger = context.Ledger;
        int sequence = ledger.NextSequence();
        DateTimeOffset started = _timeProvider.GetUtcNow();
        long startTicks = _timeProvider.GetTimestamp();
        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        VerificationResult result;
        try
        {
            result = await _client.VerifyAsync(request, linked.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            bool timedOut = timeout.IsCancellationRequested;
            string problem = timedOut ? $"verifier timed out after {_options.Timeout.TotalSeconds:0.###} s" : $"verifier unavailable: {ex.Message}";
            ledger.Add(Attempt(ledger, sequence, started) with
            {
                Outcome = AttemptOutcome.Failed,
                Failure = timedOut ? FailureCause.TimeoutBeforeResponse : FailureCause.ConnectionFailedBeforeSend,
                Error = problem,
                Duration = _timeProvider.GetElapsedTime(startTicks),
            });
            return _options.WhenUnavailable.ToVerdict(Name, problem);
        }

        VerificationCost cost = result.Cost ?? new VerificationCost();
        ledger.Add(Attempt(ledger, sequence, started) with
        {
            Model = cost.Model ?? Provider,
            Outcome = AttemptOutcome.Completed,
            Usage = new TokenUsage(cost.InputTokens, cost.OutputTokens),
            Billed = cost.Usd > 0,
            Cost = cost.Usd,
            Duration = _timeProvider.GetElapsedTime(startTicks),
        });

        string reasons = result.Reasons.Count == 0 ? "" : ": " + string.Join("; ", result.Reasons.Select(r => $"{r.Check}: {r.Detail}"));
        string reason = $"verifier {result.Verdict.ToString().ToLowerInvariant()} ({result.Score:0.##}){(result.Cached ? ", cached" : "")}{reasons}";
        return new GateVerdict(Name, result.Verdict, Math.Clamp(result.Score, 0, 1), reason);
    }

    private static AttemptRecord Attempt(RequestLedger ledger, int sequence, DateTimeOffset started) => new()
    {
        RequestId = ledger.RequestId,
        Sequence = sequence,
        Tier = Provider,
        Deployment = Provider,
        Provider = Provider,
        Model = Provider,
        Kind = AttemptKind.Verification,
        SwitchCause = $"gate {Kind}",
        Outcome = AttemptOutcome.Completed,
        Billed = false,
        StartedAt = started,
    };
}
