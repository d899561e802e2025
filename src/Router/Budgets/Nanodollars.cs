namespace Cascade.Router;

/// <summary>
/// Money in Redis counters: integer billionths of a USD, so that <c>INCRBY</c> is exact and Lua's doubles compare
/// exactly up to 9 million USD. Reservations round up, billed costs to the nearest unit.
/// </summary>
internal static class Nanodollars
{
    private const decimal PerUsd = 1_000_000_000m;

    public static long RoundUp(decimal usd) => (long)decimal.Ceiling(usd * PerUsd);

    public static long Round(decimal usd) => (long)decimal.Round(usd * PerUsd, MidpointRounding.AwayFromZero);

    public static decimal ToUsd(long nano) => nano / PerUsd;

    public static string Day(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Month(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture);
}
