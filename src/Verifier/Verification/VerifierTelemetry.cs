using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Cascade.Verifier.Verification;

/// <summary>
/// The verifier's traces and metrics, named <see cref="SourceName"/> (exported by ServiceDefaults, which takes every
/// <c>Cascade.*</c> source and meter): a <c>cascade.verify</c> span per verification, parent of the gates' <c>cascade.gate</c>
/// spans, and counters of verdicts and verification cost.
/// </summary>
public sealed class VerifierTelemetry : IDisposable
{
    /// <summary>The activity source and meter name.</summary>
    public const string SourceName = "Cascade.Verifier";

    /// <summary>The span of one verification.</summary>
    public const string VerifyActivity = "cascade.verify";

    /// <summary>The counter of verifications, tagged <c>cascade.verdict</c>, <c>cascade.workload</c> and <c>cascade.cached</c>.</summary>
    public const string Verifications = "cascade.verifier.verifications";

    /// <summary>The counter of USD spent on verification (judge and consistency calls), tagged <c>cascade.workload</c>.</summary>
    public const string Cost = "cascade.verifier.cost";

    private static readonly ActivitySource s_source = new(SourceName);
    private readonly Meter _meter;
    private readonly Counter<long> _verifications;
    private readonly Counter<double> _cost;

    /// <summary>Initializes the instruments.</summary>
    public VerifierTelemetry(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(SourceName) ?? new Meter(SourceName);
        _verifications = _meter.CreateCounter<long>(Verifications, "{verification}", "Verifications by verdict.");
        _cost = _meter.CreateCounter<double>(Cost, "USD", "What verification cost.");
    }

    /// <summary>Starts the span of a verification.</summary>
    public static Activity? StartVerify(string requestId, string? workload)
    {
        Activity? span = s_source.StartActivity(VerifyActivity);
        span?.SetTag(CascadeTelemetryNames.Tags.RequestId, requestId);
        span?.SetTag(CascadeTelemetryNames.Tags.Workload, workload);
        return span;
    }

    /// <summary>Records a finished verification on its span and in the metrics.</summary>
    public void Record(Activity? span, VerificationResult result, string? workload)
    {
        ArgumentNullException.ThrowIfNull(result);
        string verdict = result.Verdict.ToString().ToLowerInvariant();
        span?.SetTag(CascadeTelemetryNames.Tags.Verdict, verdict);
        span?.SetTag(CascadeTelemetryNames.Tags.VerdictScore, result.Score);
        span?.SetTag(CascadeTelemetryNames.Tags.Cost, result.Cost.Usd.ToString(CultureInfo.InvariantCulture));
        span?.SetTag("cascade.cached", result.Cached);
        var tags = new TagList
        {
            { CascadeTelemetryNames.Tags.Verdict, verdict },
            { CascadeTelemetryNames.Tags.Workload, workload },
            { "cascade.cached", result.Cached },
        };
        _verifications.Add(1, tags);
        if (result.Cost.Usd > 0)
        {
            _cost.Add((double)result.Cost.Usd, new KeyValuePair<string, object?>(CascadeTelemetryNames.Tags.Workload, workload));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
