namespace Cascade;

/// <summary>Options of the <see cref="HedgingGate"/>.</summary>
public sealed class HedgingGateOptions
{
    /// <summary>Gets the phrases of the source article's recipe: the default list.</summary>
    public static IReadOnlyList<string> DefaultPhrases { get; } =
        ["i'm not sure", "i think", "it depends", "possibly", "i don't have enough", "i cannot determine"];

    /// <summary>Gets or sets the hedging phrases, matched case-insensitively on word boundaries (curly apostrophes count as straight ones).</summary>
    /// <value>The default value is <see cref="DefaultPhrases"/>.</value>
    public IReadOnlyList<string> Phrases
    {
        get;
        set => field = value is { Count: > 0 } && value.All(p => !string.IsNullOrWhiteSpace(p))
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Phrases), value, "At least one non-blank hedging phrase is needed.");
    } = DefaultPhrases;

    /// <summary>Gets or sets how many distinct phrases reject an answer.</summary>
    /// <value>The default value is 2, as in the source article's recipe.</value>
    public int Threshold
    {
        get;
        set => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Threshold), value, "The threshold must be at least 1.");
    } = 2;

    /// <summary>Reads the options from gate settings (<c>Phrases</c> as <c>a|b|c</c>, <c>Threshold</c>).</summary>
    public static HedgingGateOptions FromSettings(GateSettings settings) => new()
    {
        Phrases = settings.GetList(nameof(Phrases)) ?? DefaultPhrases,
        Threshold = settings.GetInt32(nameof(Threshold), 2),
    };
}
