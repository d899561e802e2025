namespace Cascade;

/// <summary>The names Cascade's telemetry uses: its source and meter, instruments and attributes.</summary>
/// <remarks>GenAI attributes follow the OpenTelemetry semantic conventions; <c>cascade.*</c> attributes are Cascade's own.</remarks>
public static class CascadeTelemetryNames
{
    /// <summary>The name shared by the <see cref="System.Diagnostics.ActivitySource"/> and the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string SourceName = "Cascade";

    /// <summary>The span of a whole request.</summary>
    public const string RequestActivity = "cascade.request";

    /// <summary>The name of the span of one gate's judgement of an answer.</summary>
    public const string GateActivity = "cascade.gate";

    /// <summary>Instrument: requests by resolved tier, workload and route mode.</summary>
    public const string Requests = "cascade.requests";

    /// <summary>Instrument: cost escalations by workload and tier.</summary>
    public const string Escalations = "cascade.escalations";

    /// <summary>Instrument: reliability fallbacks by cause.</summary>
    public const string Fallbacks = "cascade.fallbacks";

    /// <summary>Instrument: retries by cause.</summary>
    public const string Retries = "cascade.retries";

    /// <summary>Instrument: USD cost per request.</summary>
    public const string RequestCost = "cascade.request.cost";

    /// <summary>Instrument: USD cost per attempt, by tier and model.</summary>
    public const string AttemptCost = "cascade.attempt.cost";

    /// <summary>Instrument: tokens per billed attempt (GenAI convention).</summary>
    public const string TokenUsage = "gen_ai.client.token.usage";

    /// <summary>Instrument: attempt duration in seconds (GenAI convention).</summary>
    public const string OperationDuration = "gen_ai.client.operation.duration";

    /// <summary>Instrument: time to first token in seconds.</summary>
    public const string TimeToFirstToken = "cascade.attempt.time_to_first_token";

    /// <summary>Instrument: requests stopped by a ceiling, by ceiling.</summary>
    public const string BudgetStops = "cascade.budget.stops";

    /// <summary>The gauge of each circuit's last known state in this process: 0 closed, 1 half-open, 2 open.</summary>
    public const string CircuitState = "cascade.circuit.state";

    /// <summary>GenAI attribute names.</summary>
    public static class GenAI
    {
        /// <summary><c>gen_ai.operation.name</c>.</summary>
        public const string OperationName = "gen_ai.operation.name";

        /// <summary><c>gen_ai.provider.name</c>.</summary>
        public const string ProviderName = "gen_ai.provider.name";

        /// <summary><c>gen_ai.request.model</c>.</summary>
        public const string RequestModel = "gen_ai.request.model";

        /// <summary><c>gen_ai.response.model</c>.</summary>
        public const string ResponseModel = "gen_ai.response.model";

        /// <summary><c>gen_ai.usage.input_tokens</c>.</summary>
        public const string InputTokens = "gen_ai.usage.input_tokens";

        /// <summary><c>gen_ai.usage.output_tokens</c>.</summary>
        public const string OutputTokens = "gen_ai.usage.output_tokens";

        /// <summary><c>gen_ai.token.type</c>.</summary>
        public const string TokenType = "gen_ai.token.type";

        /// <summary><c>gen_ai.input.messages</c>, recorded only when content capture is on.</summary>
        public const string InputMessages = "gen_ai.input.messages";

        /// <summary><c>gen_ai.output.messages</c>, recorded only when content capture is on.</summary>
        public const string OutputMessages = "gen_ai.output.messages";

        /// <summary><c>error.type</c>.</summary>
        public const string ErrorType = "error.type";
    }

    /// <summary>Cascade's own attribute names.</summary>
    public static class Tags
    {
        /// <summary><c>cascade.request_id</c>.</summary>
        public const string RequestId = "cascade.request_id";

        /// <summary><c>cascade.workload</c>.</summary>
        public const string Workload = "cascade.workload";

        /// <summary><c>cascade.tier</c>.</summary>
        public const string Tier = "cascade.tier";

        /// <summary><c>cascade.deployment</c>.</summary>
        public const string Deployment = "cascade.deployment";

        /// <summary><c>cascade.attempt.kind</c> (initial, retry, fallback, escalation, ...).</summary>
        public const string AttemptKind = "cascade.attempt.kind";

        /// <summary><c>cascade.attempt.sequence</c>.</summary>
        public const string AttemptSequence = "cascade.attempt.sequence";

        /// <summary><c>cascade.attempt.outcome</c>.</summary>
        public const string AttemptOutcome = "cascade.attempt.outcome";

        /// <summary><c>cascade.cause</c>: the failure cause or gate rejection that led to a switch.</summary>
        public const string Cause = "cascade.cause";

        /// <summary><c>cascade.failure</c>: the failure cause of a failed attempt.</summary>
        public const string Failure = "cascade.failure";

        /// <summary><c>cascade.verdict</c>.</summary>
        public const string Verdict = "cascade.verdict";

        /// <summary><c>cascade.verdict.gate</c>.</summary>
        public const string VerdictGate = "cascade.verdict.gate";

        /// <summary><c>cascade.verdict.reason</c>.</summary>
        public const string VerdictReason = "cascade.verdict.reason";

        /// <summary><c>cascade.verdict.score</c>: a gate's score from 0 to 1.</summary>
        public const string VerdictScore = "cascade.verdict.score";

        /// <summary><c>cascade.billed</c>.</summary>
        public const string Billed = "cascade.billed";

        /// <summary><c>cascade.cost_usd</c>.</summary>
        public const string Cost = "cascade.cost_usd";

        /// <summary><c>cascade.usage.estimated</c>.</summary>
        public const string UsageEstimated = "cascade.usage.estimated";

        /// <summary><c>cascade.resolved_tier</c>.</summary>
        public const string ResolvedTier = "cascade.resolved_tier";

        /// <summary><c>cascade.route.mode</c>.</summary>
        public const string RouteMode = "cascade.route.mode";

        /// <summary><c>cascade.route.reason</c>.</summary>
        public const string RouteReason = "cascade.route.reason";

        /// <summary><c>cascade.stop_reason</c>.</summary>
        public const string StopReason = "cascade.stop_reason";

        /// <summary><c>cascade.escalations</c>.</summary>
        public const string EscalationCount = "cascade.escalations";

        /// <summary><c>cascade.fallbacks</c>.</summary>
        public const string FallbackCount = "cascade.fallbacks";

        /// <summary><c>cascade.from_tier</c>.</summary>
        public const string FromTier = "cascade.from_tier";

        /// <summary><c>cascade.budget.ceiling</c>.</summary>
        public const string Ceiling = "cascade.budget.ceiling";
    }
}
