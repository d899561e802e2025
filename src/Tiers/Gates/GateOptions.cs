namespace Cascade;

/// <summary>One gate chosen from configuration: its kind (a name in the <see cref="GateRegistry"/>) and its settings.</summary>
/// <example>
/// <code>
/// "Gates": [
///   { "Kind": "cut-off" },
///   { "Kind": "hedging", "Settings": { "Threshold": "2" } },
///   { "Kind": "judge", "Settings": { "Tier": "haiku", "AcceptAtOverall": "3.5" } }
/// ]
/// </code>
/// </example>
public sealed class GateOptions
{
    /// <summary>Gets or sets the gate's kind, for example <c>hedging</c> or <c>judge</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Gets or sets the gate's settings by name; names are case-insensitive, list values are separated by <c>|</c>.</summary>
    public Dictionary<string, string?> Settings { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override string ToString() => Settings.Count == 0 ? Kind : $"{Kind} ({string.Join(", ", Settings.Select(s => $"{s.Key}={s.Value}"))})";
}
