using System.Globalization;

namespace Cascade;

/// <summary>
/// Typed, validated access to a <see cref="GateOptions.Settings"/> dictionary. Every error names the gate and the setting to
/// fix; settings no factory read are reported by <see cref="ThrowIfUnused"/> so a misspelt name does not pass silently.
/// </summary>
public sealed class GateSettings
{
    private readonly Dictionary<string, string?> _values;
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Initializes the settings of one gate.</summary>
    /// <param name="kind">The gate's kind, used in error messages.</param>
    /// <param name="values">The settings; <see langword="null"/> for none.</param>
    public GateSettings(string kind, IReadOnlyDictionary<string, string?>? values)
    {
        Kind = kind;
        _values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, string?> pair in values ?? new Dictionary<string, string?>())
        {
            _values[pair.Key] = pair.Value;
        }
    }

    /// <summary>Gets the gate's kind.</summary>
    public string Kind { get; }

    /// <summary>Gets a string setting, or <paramref name="defaultValue"/> when it is absent or blank.</summary>
    public string? GetString(string name, string? defaultValue = null)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : defaultValue;
    }

    /// <summary>Gets a string setting that must be present.</summary>
    /// <exception cref="GateConfigurationException">The setting is absent or blank.</exception>
    public string GetRequiredString(string name) =>
        GetString(name) ?? throw Error(name, "is required");

    /// <summary>Gets a number setting (invariant culture), or <paramref name="defaultValue"/>.</summary>
    public double GetDouble(string name, double defaultValue) =>
        GetString(name) is not { } text ? defaultValue
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value
        : throw Error(name, $"'{text}' is not a number");

    /// <summary>Gets an optional number setting (invariant culture).</summary>
    public double? GetNullableDouble(string name) =>
        GetString(name) is null ? null : GetDouble(name, 0);

    /// <summary>Gets a whole-number setting, or <paramref name="defaultValue"/>.</summary>
    public int GetInt32(string name, int defaultValue) =>
        GetString(name) is not { } text ? defaultValue
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value
        : throw Error(name, $"'{text}' is not a whole number");

    /// <summary>Gets a <c>true</c>/<c>false</c> setting, or <paramref name="defaultValue"/>.</summary>
    public bool GetBoolean(string name, bool defaultValue) =>
        GetString(name) is not { } text ? defaultValue
        : bool.TryParse(text, out bool value) ? value
        : throw Error(name, $"'{text}' is not true or false");

    /// <summary>Gets a duration setting (<c>00:00:05</c> or a number of seconds), or <paramref name="defaultValue"/>.</summary>
    public TimeSpan GetTimeSpan(string name, TimeSpan defaultValue) =>
        GetString(name) is not { } text ? defaultValue
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds) ? TimeSpan.FromSeconds(seconds)
        : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value) ? value
        : throw Error(name, $"'{text}' is not a duration (use seconds, or hh:mm:ss)");

    /// <summary>Gets an enum setting by name (case-insensitive, dashes ignored), or <paramref name="defaultValue"/>.</summary>
    public TEnum GetEnum<TEnum>(string name, TEnum defaultValue)
        where TEnum : struct, Enum =>
        GetString(name) is not { } text ? defaultValue
        : Enum.TryParse(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out TEnum value) && Enum.IsDefined(value) ? value
        : throw Error(name, $"'{text}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}");

    /// <summary>Gets a list setting (items separated by <c>|</c>, trimmed, blanks dropped), or <see langword="null"/> when absent.</summary>
    public IReadOnlyList<string>? GetList(string name) =>
        GetString(name) is not { } text ? null
        : text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Gets a map setting (<c>key=value</c> pairs separated by <c>|</c>) of numbers, or <see langword="null"/> when absent.</summary>
    public IReadOnlyDictionary<string, double>? GetNumberMap(string name)
    {
        if (GetList(name) is not { } items)
        {
            return null;
        }

        var map = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (string item in items)
        {
            string[] parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw Error(name, $"'{item}' is not a key=number pair");
            }

            map[parts[0]] = value;
        }

        return map;
    }

    /// <summary>Makes the error a factory throws when a setting's value is out of range.</summary>
    public GateConfigurationException Error(string name, string problem) =>
        new(Kind, name, $"Gate '{Kind}' setting '{name}': {problem}.");

    /// <summary>Throws when a setting was given that no factory read (a misspelt name).</summary>
    /// <exception cref="GateConfigurationException">A setting was not read.</exception>
    public void ThrowIfUnused()
    {
        string[] unused = _values.Keys.Where(k => !_read.Contains(k)).Order(StringComparer.OrdinalIgnoreCase).ToArray();
        if (unused.Length > 0)
        {
            string known = _read.Count == 0 ? "none" : string.Join(", ", _read.Order(StringComparer.OrdinalIgnoreCase));
            throw new GateConfigurationException(Kind, unused[0], $"Gate '{Kind}' has no setting '{string.Join("', '", unused)}' (known settings: {known}).");
        }
    }
}

/// <summary>A gate's configuration is invalid; the message names the gate and the setting to fix.</summary>
public sealed class GateConfigurationException : Exception
{
    /// <summary>Initializes the exception.</summary>
    public GateConfigurationException(string kind, string? setting, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Setting = setting;
    }

    /// <summary>Gets the gate's kind.</summary>
    public string Kind { get; }

    /// <summary>Gets the setting to fix, when one is to blame.</summary>
    public string? Setting { get; }
}
