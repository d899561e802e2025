using System.Globalization;
using System.Runtime.CompilerServices;
using Cascade.Evaluation.Data;
using Cascade.Evaluation.Policies;
using Cascade.Evaluation.Scoring;

namespace Cascade.Evaluation.Replay;

/// <summary>
/// A searched policy's gate at one rung, as an <see cref="IQualityGate"/> the cascade runs: it reads the answer's
/// signals (text and the <c>cascade.logprob_confidence</c> property), scores them with the rung's scorer against the
/// answers this request got from earlier rungs, and accepts at the rung's threshold.
/// </summary>
public sealed class PolicyGate : IQualityGate
{
    private readonly CascadePolicy _policy;
    private readonly int _rung;
    private readonly TaskKind _task;
    private readonly ConditionalWeakTable<RequestLedger, List<AnswerSignals>> _earlier;

    private PolicyGate(CascadePolicy policy, int rung, TaskKind task, ConditionalWeakTable<RequestLedger, List<AnswerSignals>> earlier)
    {
        _policy = policy;
        _rung = rung;
        _task = task;
        _earlier = earlier;
        Name = "policy-" + policy.Family.ToString().ToLowerInvariant();
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Creates the gates of every rung but the last; they share what each request's earlier rungs answered.</summary>
    public static IReadOnlyList<PolicyGate> For(CascadePolicy policy, TaskKind task)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var earlier = new ConditionalWeakTable<RequestLedger, List<AnswerSignals>>();
        return Enumerable.Range(0, policy.Tiers.Count - 1).Select(r => new PolicyGate(policy, r, task, earlier)).ToArray();
    }

    /// <inheritdoc/>
    public ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        double? logprob = context.Response.AdditionalProperties?.TryGetValue(ReplayChatClient.LogprobConfidenceKey, out object? value) == true && value is double lp ? lp : null;
        var signals = AnswerSignals.From(_task, context.Text, logprob);
        var earlier = _earlier.GetOrCreateValue(context.Ledger);

        // A request the up-front router sent past the first rung runs the shorter cascade, one rung lower.
        (CascadePolicy policy, int rung) = earlier.Count == _rung ? (_policy, _rung)
            : _policy.Router is { } router && earlier.Count == _rung - 1 ? (router.Skipped, _rung - 1)
            : throw new InvalidOperationException($"Gate of rung {_rung} saw {earlier.Count} earlier answers for request {context.Ledger.RequestId}: the ladder must be exactly the policy's tiers, started at the first (or the second, when routed).");
        double score = policy.Scorers[rung].Score(signals, earlier);
        earlier.Add(signals);
        string reason = string.Create(CultureInfo.InvariantCulture, $"score {score:0.####} vs threshold {policy.Thresholds[rung]:0.####}");
        return ValueTask.FromResult(policy.Accepts(rung, score)
            ? GateVerdict.Accept(Name, reason, Math.Clamp(score, 0, 1))
            : GateVerdict.Reject(Name, reason, Math.Clamp(score, 0, 1)));
    }
}
