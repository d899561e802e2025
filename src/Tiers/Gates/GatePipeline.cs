using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// Runs a tier's gates on its answer, cheapest first: the first rejection escalates (later gates do not run), the first
/// acceptance keeps the answer (later, costlier gates are skipped), and when every gate abstains the workload's
/// <see cref="AbstentionRule"/> decides. It also lets request-shaping gates change what the tier is sent and the
/// answer that is kept.
/// </summary>
/// <remarks>
/// Gates judge final answers: a turn whose answer is a tool call is accepted without running any gate, so that
/// function invocation can go on. Gates run in order of <see cref="IQualityGate.Cost"/>, configuration order within a class.
/// </remarks>
public sealed class GatePipeline
{
    private readonly IQualityGate[] _gates;
    private readonly IRequestShapingGate[] _shapers;
    private readonly GatePipelineOptions _options;

    /// <summary>Initializes a pipeline.</summary>
    /// <param name="gates">The gates, in configuration order.</param>
    /// <param name="options">How abstentions are resolved; defaults when <see langword="null"/>.</param>
    public GatePipeline(IEnumerable<IQualityGate> gates, GatePipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(gates);
        _gates = gates.Select((gate, index) => (gate: gate ?? throw new ArgumentException("A gate is null.", nameof(gates)), index))
            .OrderBy(g => g.gate.Cost)
            .ThenBy(g => g.index)
            .Select(g => g.gate)
            .ToArray();
        _shapers = _gates.OfType<IRequestShapingGate>().ToArray();
        _options = options ?? new GatePipelineOptions();
    }

    /// <summary>Gets a pipeline with no gates: every answer is accepted by the default abstention rule.</summary>
    public static GatePipeline Empty { get; } = new([]);

    /// <summary>Gets the gates in the order they run.</summary>
    public IReadOnlyList<IQualityGate> Gates => _gates;

    /// <summary>Gets the pipeline's options.</summary>
    public GatePipelineOptions Options => _options;

    /// <summary>Returns the options to send to the tier, as every request-shaping gate wants them; never mutates <paramref name="options"/>.</summary>
    public ChatOptions? ShapeRequest(ChatOptions? options)
    {
        foreach (IRequestShapingGate shaper in _shapers)
        {
            options = shaper.ShapeRequest(options);
        }

        return options;
    }

    /// <summary>Returns the answer to keep, as every request-shaping gate wants it (for example with a marker stripped).</summary>
    public ChatResponse ShapeResponse(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (IRequestShapingGate shaper in _shapers)
        {
            response = shaper.ShapeResponse(response);
        }

        return response;
    }

    /// <summary>Gets whether an answer is a tool-call turn, which gates do not judge.</summary>
    public static bool IsToolCall(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.FinishReason == ChatFinishReason.ToolCalls
            || response.Messages.Any(m => m.Contents.Any(c => c is FunctionCallContent));
    }

    /// <summary>Judges one answer.</summary>
    /// <param name="context">The request, the answer and where it came from.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The decision, the deciding verdict and every verdict.</returns>
    public async ValueTask<GatePipelineResult> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsToolCall(context.Response))
        {
            return Decided(GateVerdict.Accept(GatePipelineResult.PipelineGateName, "tool call"), []);
        }

        if (context.IsLastTier && !_options.EvaluateLastTier)
        {
            return Decided(GateVerdict.Accept(GatePipelineResult.PipelineGateName, "last tier"), []);
        }

        var verdicts = new List<GateVerdict>(_gates.Length);
        foreach (IQualityGate gate in _gates)
        {
            GateVerdict verdict = await EvaluateTracedAsync(gate, context, cancellationToken);
            verdicts.Add(verdict);
            if (verdict.Decision != GateDecision.Abstain)
            {
                return Decided(verdict, verdicts);
            }
        }

        AbstentionRule rule = _options.AbstentionFor(context.Workload, context.Model ?? context.Response.ModelId);
        GateVerdict resolved = rule == AbstentionRule.Accept
            ? GateVerdict.Accept(GatePipelineResult.PipelineGateName, verdicts.Count == 0 ? "no gates" : "every gate abstained; rule: accept")
            : GateVerdict.Reject(GatePipelineResult.PipelineGateName, verdicts.Count == 0 ? "no gates; rule: reject" : "every gate abstained; rule: reject");
        return new GatePipelineResult(resolved.Decision, resolved, verdicts, ResolvedByAbstention: true);
    }

    private static async ValueTask<GateVerdict> EvaluateTracedAsync(IQualityGate gate, GateContext context, CancellationToken cancellationToken)
    {
        using Activity? span = CascadeTelemetry.ActivitySource.StartActivity(CascadeTelemetryNames.GateActivity);
        span?.SetTag(CascadeTelemetryNames.Tags.VerdictGate, gate.Name);
        span?.SetTag(CascadeTelemetryNames.Tags.RequestId, context.Ledger.RequestId);
        span?.SetTag(CascadeTelemetryNames.Tags.Tier, context.Tier);
        try
        {
            GateVerdict verdict = await gate.EvaluateAsync(context, cancellationToken);
            span?.SetTag(CascadeTelemetryNames.Tags.Verdict, verdict.Decision.ToString().ToLowerInvariant());
            span?.SetTag(CascadeTelemetryNames.Tags.VerdictReason, verdict.Reason);
            span?.SetTag(CascadeTelemetryNames.Tags.VerdictScore, verdict.Score);
            return verdict;
        }
        catch (Exception ex)
        {
            span?.SetTag(CascadeTelemetryNames.GenAI.ErrorType, ex.GetType().FullName);
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    private static GatePipelineResult Decided(GateVerdict verdict, IReadOnlyList<GateVerdict> verdicts) =>
        new(verdict.Decision, verdict, verdicts);
}
