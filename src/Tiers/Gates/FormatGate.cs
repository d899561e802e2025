using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Cascade;

/// <summary>
/// Rejects an answer whose whole text (trimmed) does not match a regular expression: the request's
/// <see cref="GateExpectations.FormatPattern"/>, or the configured <see cref="FormatGateOptions.Pattern"/>.
/// </summary>
/// <remarks>Abstains when there is no pattern or the answer matches: a well-formed answer may still be wrong.</remarks>
public sealed class FormatGate : IQualityGate
{
    /// <summary>The gate's kind and name: <c>format</c>.</summary>
    public const string Kind = "format";

    private const int MaxCachedPatterns = 256;
    private readonly FormatGateOptions _options;
    private readonly ConcurrentDictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    /// <summary>Initializes the gate.</summary>
    /// <exception cref="ArgumentException">The configured pattern is not a valid regular expression.</exception>
    public FormatGate(FormatGateOptions? options = null)
    {
        _options = options ?? new FormatGateOptions();
        if (_options.Pattern is { } pattern)
        {
            _ = GetRegex(pattern, nameof(FormatGateOptions.Pattern));
        }
    }

    /// <inheritdoc/>
    public string Name => Kind;

    /// <inheritdoc/>
    public ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? pattern = context.Expectations?.FormatPattern ?? _options.Pattern;
        if (string.IsNullOrEmpty(pattern))
        {
            return ValueTask.FromResult(GateVerdict.Abstain(Name, "no format pattern"));
        }

        Regex regex = GetRegex(pattern, nameof(GateExpectations.FormatPattern));
        try
        {
            return ValueTask.FromResult(regex.IsMatch(context.Text.Trim())
                ? GateVerdict.Abstain(Name, "matches the format", 1)
                : GateVerdict.Reject(Name, $"does not match the format /{pattern}/", 0));
        }
        catch (RegexMatchTimeoutException)
        {
            return ValueTask.FromResult(GateVerdict.Reject(Name, $"format check timed out after {_options.MatchTimeout.TotalMilliseconds:0} ms", 0));
        }
    }

    private Regex GetRegex(string pattern, string settingName)
    {
        if (_patterns.TryGetValue(pattern, out Regex? regex))
        {
            return regex;
        }

        try
        {
            // Anchored on the whole answer; alternations in the pattern stay inside the group.
            regex = new Regex(
                $@"\A(?:{pattern})\z",
                RegexOptions.CultureInvariant | RegexOptions.Singleline | (_options.IgnoreCase ? RegexOptions.IgnoreCase : RegexOptions.None),
                _options.MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{settingName} '{pattern}' is not a valid regular expression: {ex.Message}", settingName, ex);
        }

        if (_patterns.Count >= MaxCachedPatterns)
        {
            _patterns.Clear();
        }

        return _patterns.GetOrAdd(pattern, regex);
    }
}
