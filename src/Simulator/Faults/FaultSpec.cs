using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Cascade.Simulator.Faults;

/// <summary>
/// A fault and its parameters, written <c>mode[;name=value]...</c>: modes <c>429</c>, <c>500</c>, <c>529</c>,
/// <c>reset</c>, <c>hang</c>, <c>cut</c>, <c>empty</c>, <c>malformed</c>, <c>slow</c>, <c>refusal</c>, <c>stall</c>; parameters
/// <c>retry-after=SECONDS</c> (429, 529), <c>after=TOKENS</c> (cut, stall, malformed), <c>delay=MS</c> (slow), <c>rate=0..1</c> (the share
/// of requests hit, evenly spaced; standing faults only).
/// </summary>
public sealed record FaultSpec
{
    /// <summary>The default <c>retry-after</c> of a 429, in seconds.</summary>
    public const int DefaultRetryAfterSeconds = 1;

    /// <summary>The default first-token delay of <c>slow</c>, in milliseconds.</summary>
    public const int DefaultSlowDelayMs = 5_000;

    private static readonly Dictionary<string, FaultKind> s_modes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["429"] = FaultKind.RateLimited,
        ["500"] = FaultKind.ServerError,
        ["529"] = FaultKind.Overloaded,
        ["reset"] = FaultKind.ConnectionReset,
        ["hang"] = FaultKind.Hang,
        ["cut"] = FaultKind.StreamCut,
        ["empty"] = FaultKind.EmptyAnswer,
        ["malformed"] = FaultKind.MalformedBody,
        ["slow"] = FaultKind.SlowFirstToken,
        ["refusal"] = FaultKind.Refusal,
        ["stall"] = FaultKind.Stall,
    };

    /// <summary>Gets the fault.</summary>
    public required FaultKind Kind { get; init; }

    /// <summary>Gets the <c>retry-after</c> seconds sent with a 429 or 529.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Gets how many output tokens are sent before a <c>cut</c> or <c>stall</c> (<see langword="null"/>: half-way) or a late <c>malformed</c> event.</summary>
    public long? AfterTokens { get; init; }

    /// <summary>Gets the extra first-token delay of <c>slow</c>, in milliseconds.</summary>
    public int DelayMs { get; init; } = DefaultSlowDelayMs;

    /// <summary>Gets the share of requests a standing fault hits, from 0 to 1.</summary>
    public double Rate { get; init; } = 1.0;

    /// <summary>Gets the mode names accepted by <see cref="TryParse"/>.</summary>
    public static IEnumerable<string> Modes => s_modes.Keys;

    /// <summary>Parses the <c>x-sim-fault</c> syntax.</summary>
    /// <returns><see langword="true"/> when valid; otherwise <paramref name="error"/> says what to fix.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out FaultSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"a fault is required: one of {string.Join(", ", s_modes.Keys)}.";
            return false;
        }

        string[] parts = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (!s_modes.TryGetValue(parts[0], out FaultKind kind))
        {
            error = $"unknown fault mode '{parts[0]}'; use one of {string.Join(", ", s_modes.Keys)}.";
            return false;
        }

        int? retryAfter = null;
        long? after = null;
        int delay = DefaultSlowDelayMs;
        double rate = 1.0;
        for (int i = 1; i < parts.Length; i++)
        {
            int eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? parts[i] : parts[i][..eq].Trim();
            string value = eq < 0 ? string.Empty : parts[i][(eq + 1)..].Trim();
            switch (name.ToLowerInvariant())
            {
                case "retry-after" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds):
                    retryAfter = seconds;
                    break;
                case "after" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long tokens):
                    after = tokens;
                    break;
                case "delay" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int ms):
                    delay = ms;
                    break;
                case "rate" when double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double share) && share is >= 0 and <= 1:
                    rate = share;
                    break;
                case "retry-after" or "after" or "delay":
                    error = $"'{name}' needs a whole non-negative number (was '{value}').";
                    return false;
                case "rate":
                    error = $"'rate' needs a number from 0 to 1 (was '{value}').";
                    return false;
                default:
                    error = $"unknown fault parameter '{name}'; use retry-after, after, delay or rate.";
                    return false;
            }
        }

        spec = new FaultSpec { Kind = kind, RetryAfterSeconds = retryAfter, AfterTokens = after, DelayMs = delay, Rate = rate };
        error = null;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        string mode = s_modes.First(p => p.Value == Kind).Key;
        var text = new System.Text.StringBuilder(mode);
        if (RetryAfterSeconds is { } retryAfter)
        {
            text.Append(CultureInfo.InvariantCulture, $";retry-after={retryAfter}");
        }

        if (AfterTokens is { } after)
        {
            text.Append(CultureInfo.InvariantCulture, $";after={after}");
        }

        if (Kind == FaultKind.SlowFirstToken)
        {
            text.Append(CultureInfo.InvariantCulture, $";delay={DelayMs}");
        }

        if (Rate < 1)
        {
            text.Append(CultureInfo.InvariantCulture, $";rate={Rate}");
        }

        return text.ToString();
    }
}
