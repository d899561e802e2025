using System.Globalization;

namespace Cascade.Evaluation.Data;

/// <summary>How recorded costs are read: exact decimals rounded to whole picodollars.</summary>
/// <remarks>
/// The files store costs as binary floating-point numbers (<c>1.2200000000000002e-05</c>); the digits below a
/// picodollar (1e-12 USD) are representation noise, since a per-million price with up to six decimals times a
/// whole number of tokens is always a whole number of picodollars. Rounding there gives the exact figure every
/// part of the evaluation sums, and the replayed middleware reproduces.
/// </remarks>
public static class RecordedCost
{
    /// <summary>The number of decimal places kept: whole picodollars.</summary>
    public const int Decimals = 12;

    /// <summary>Parses a cost written in invariant notation (exponents allowed); <see langword="null"/> when it is not a number.</summary>
    public static decimal? Parse(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? Round(value) : null;

    /// <summary>Rounds a cost to whole picodollars.</summary>
    public static decimal Round(decimal value) => Math.Round(value, Decimals, MidpointRounding.ToEven);
}
