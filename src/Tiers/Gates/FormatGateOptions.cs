namespace Cascade;

/// <summary>Options of the <see cref="FormatGate"/>.</summary>
public sealed class FormatGateOptions
{
    /// <summary>Gets or sets the pattern used when the request's <see cref="GateExpectations.FormatPattern"/> is unset.</summary>
    /// <value>The default value is <see langword="null"/>: the gate abstains on requests without a pattern.</value>
    public string? Pattern { get; set; }

    /// <summary>Gets or sets whether matching ignores case.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IgnoreCase { get; set; }

    /// <summary>Gets or sets how long one match may run before the answer is rejected as not matching.</summary>
    /// <value>The default value is 100 milliseconds.</value>
    public TimeSpan MatchTimeout
    {
        get;
        set => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(MatchTimeout), value, "The match timeout must be positive.");
    } = TimeSpan.FromMilliseconds(100);

    /// <summary>Reads the options from gate settings (<c>Pattern</c>, <c>IgnoreCase</c>, <c>MatchTimeout</c>).</summary>
    public static FormatGateOptions FromSettings(GateSettings settings) => new()
    {
        Pattern = settings.GetString(nameof(Pattern)),
        IgnoreCase = settings.GetBoolean(nameof(IgnoreCase), false),
        MatchTimeout = settings.GetTimeSpan(nameof(MatchTimeout), TimeSpan.FromMilliseconds(100)),
    };
}
