namespace Cascade;

/// <summary>Options of the <see cref="JudgeGate"/>.</summary>
public sealed class JudgeGateOptions
{
    /// <summary>The default judge instructions: the source article's self-evaluation rubric, as strict JSON.</summary>
    public const string DefaultInstructions =
        "You are a strict evaluator of answers. Score the answer to the question for accuracy, completeness and clarity, " +
        "each from 1 (poor) to 5 (excellent), and give an overall score from 1 to 5. Set should_escalate to true when a " +
        "stronger model should answer instead. Reply with only a JSON object: " +
        "{\"accuracy\": n, \"completeness\": n, \"clarity\": n, \"overall\": n, \"should_escalate\": true|false, \"reason\": \"...\"}.";

    /// <summary>Gets or sets the judge's tier (a tier's client answers the rubric).</summary>
    public required Tier Tier { get; set; }

    /// <summary>Gets or sets the overall score at or above which the answer is accepted (when the judge does not ask for escalation).</summary>
    /// <value>The default value is 3.5, as in the source article.</value>
    public double AcceptAtOverall
    {
        get;
        set => field = value is >= 1 and <= 5 ? value : throw new ArgumentOutOfRangeException(nameof(AcceptAtOverall), value, "The overall score threshold must be from 1 to 5.");
    } = 3.5;

    /// <summary>Gets or sets the judge's instructions (system prompt).</summary>
    /// <value>The default value is <see cref="DefaultInstructions"/>.</value>
    public string Instructions
    {
        get;
        set => field = !string.IsNullOrWhiteSpace(value) ? value : throw new ArgumentOutOfRangeException(nameof(Instructions), value, "The judge's instructions cannot be blank.");
    } = DefaultInstructions;

    /// <summary>Gets or sets the verdict when the judge's reply is not a valid rubric.</summary>
    /// <value>The default value is <see cref="GateFailureBehavior.Reject"/>: an answer nobody could judge escalates.</value>
    public GateFailureBehavior WhenMalformed { get; set; } = GateFailureBehavior.Reject;

    /// <summary>Gets or sets the verdict when the judge's tier fails.</summary>
    /// <value>The default value is <see cref="GateFailureBehavior.Reject"/>.</value>
    public GateFailureBehavior WhenUnavailable { get; set; } = GateFailureBehavior.Reject;

    /// <summary>Gets or sets the judge's output-token limit.</summary>
    /// <value>The default value is 300.</value>
    public int MaxOutputTokens
    {
        get;
        set => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxOutputTokens), value, "The judge's output-token limit must be positive.");
    } = 300;

    /// <summary>
    /// Reads the options from gate settings: <c>Tier</c> (required), <c>AcceptAtOverall</c>, <c>Instructions</c>,
    /// <c>WhenMalformed</c>, <c>WhenUnavailable</c>, <c>MaxOutputTokens</c>.
    /// </summary>
    public static JudgeGateOptions FromSettings(GateFactoryContext context)
    {
        GateSettings settings = context.Settings;
        return new JudgeGateOptions
        {
            Tier = context.GetTier(nameof(Tier)),
            AcceptAtOverall = settings.GetDouble(nameof(AcceptAtOverall), 3.5),
            Instructions = settings.GetString(nameof(Instructions), DefaultInstructions)!,
            WhenMalformed = settings.GetEnum(nameof(WhenMalformed), GateFailureBehavior.Reject),
            WhenUnavailable = settings.GetEnum(nameof(WhenUnavailable), GateFailureBehavior.Reject),
            MaxOutputTokens = settings.GetInt32(nameof(MaxOutputTokens), 300),
        };
    }
}
