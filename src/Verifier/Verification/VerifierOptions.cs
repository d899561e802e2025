namespace Cascade.Verifier.Verification;

/// <summary>The verifier's configuration (section <c>Verifier</c>).</summary>
public sealed class VerifierOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Verifier";

    /// <summary>The checks run when a request names none, cheapest first.</summary>
    public static IReadOnlyList<string> DefaultChecks { get; } =
        [CutOffGate.Kind, JsonSchemaGate.Kind, FormatGate.Kind, MultipleChoiceGate.Kind, SelfDoubtGate.Kind, HedgingGate.Kind, LogprobConfidenceGate.Kind, JudgeGate.Kind];

    /// <summary>Gets or sets the checks run when a request names none, as gate kinds with settings.</summary>
    /// <value>The default value is empty, meaning <see cref="DefaultChecks"/> with default settings.</value>
    public List<GateOptions> Checks { get; set; } = [];

    /// <summary>Gets or sets what to say when every check abstains and neither the request nor the calibration sets a rule.</summary>
    /// <value>The default value is <see langword="null"/>: the verdict is <c>abstain</c>, and the caller's own rule decides.</value>
    public AbstentionRule? Abstention { get; set; }

    /// <summary>Gets or sets the calibration file (thresholds per workload and model) the checks load.</summary>
    /// <value>The default value is <see langword="null"/>: no calibration.</value>
    public string? CalibrationFile { get; set; }

    /// <summary>
    /// Gets or sets the key a caller must send as <c>Authorization: Bearer</c> on every <c>/v1</c> call (the AppHost generates
    /// one and hands it to the verifier and to each service that calls it).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no key is asked for (a verifier reachable only by trusted callers).</value>
    public string? ServiceKey { get; set; }

    /// <summary>Gets or sets the judge model.</summary>
    public JudgeModelOptions Judge { get; set; } = new();

    /// <summary>Gets or sets how many verdicts the cache keeps.</summary>
    /// <value>The default value is 10 000.</value>
    public int CacheSize { get; set; } = 10_000;

    /// <summary>Gets or sets how long a cached verdict is reused.</summary>
    /// <value>The default value is one hour.</value>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>The judge model: a tier's client (section <c>Verifier:Judge</c>).</summary>
public sealed class JudgeModelOptions
{
    /// <summary>Gets or sets the provider kind: <c>auto</c>, <c>openai</c> (any OpenAI-compatible endpoint), <c>anthropic</c> or <c>none</c> (no judge).</summary>
    /// <value>
    /// The default value is <c>auto</c>: the OpenAI-compatible client where an OpenAI-compatible endpoint is known (the rubric's
    /// JSON schema travels as <c>response_format</c>, which the simulator honours), else Anthropic where its key is set.
    /// </value>
    public string Provider { get; set; } = "auto";

    /// <summary>Gets or sets the provider's base URL (without <c>/v1</c>).</summary>
    /// <value>
    /// The default value is <see langword="null"/>: the AppHost's provider endpoint (<c>Cascade:Providers:{provider}:Endpoint</c>),
    /// else <c>OPENAI_BASE_URL</c> (OpenAI), else the simulator's address (<c>services__simulator__http__0</c>), else the
    /// provider's public API when a key is set.
    /// </value>
    public string? Endpoint { get; set; }

    /// <summary>Gets or sets the judge's model id.</summary>
    /// <value>The default value is <c>claude-haiku-4-5-20251001</c>, the cheap model.</value>
    public string Model { get; set; } = "claude-haiku-4-5-20251001";

    /// <summary>Gets or sets the provider's API key.</summary>
    /// <value>
    /// The default value is <see langword="null"/>: <c>Cascade:Providers:{provider}:ApiKey</c>, else <c>OPENAI_API_KEY</c> or
    /// <c>ANTHROPIC_API_KEY</c>, else <c>simulator</c> (the simulator accepts any key).
    /// </value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the USD price of a million input tokens, when the model is not in the price file.</summary>
    public decimal? InputPricePerMillion { get; set; }

    /// <summary>Gets or sets the USD price of a million output tokens, when the model is not in the price file.</summary>
    public decimal? OutputPricePerMillion { get; set; }

    /// <summary>Gets or sets the judge's output-token limit.</summary>
    /// <value>The default value is 300.</value>
    public int MaxOutputTokens { get; set; } = 300;

    /// <summary>Gets whether a judge is configured.</summary>
    public bool Enabled => !string.Equals(Provider, "none", StringComparison.OrdinalIgnoreCase);
}
