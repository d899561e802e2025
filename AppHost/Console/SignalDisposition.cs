using System.Globalization;

namespace Cascade.AppHost.Console;

/// <summary>Reads which signals this process ignores, as the kernel reports them in <c>/proc/self/status</c>.</summary>
public static class SignalDisposition
{
    private const int SigInt = 2;

    /// <summary>
    /// Gets a value indicating whether SIGINT is ignored: a process a shell starts in the background (<c>cmd &amp;</c>)
    /// inherits SIGINT as ignored, so Ctrl+C cannot stop it; SIGTERM still does.
    /// </summary>
    public static bool IsSigIntIgnored() => IsIgnored(SigInt, ReadIgnoredMask());

    /// <summary>Returns whether <paramref name="signal"/> is set in a <c>SigIgn</c> mask.</summary>
    /// <param name="signal">The signal number (1-64).</param>
    /// <param name="ignoredMask">The mask, bit <c>n - 1</c> for signal <c>n</c>; <see langword="null"/> when unknown.</param>
    public static bool IsIgnored(int signal, ulong? ignoredMask)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(signal, 64);
        return ignoredMask is { } mask && (mask & (1UL << (signal - 1))) != 0;
    }

    /// <summary>Parses the <c>SigIgn</c> line of a <c>/proc/&lt;pid&gt;/status</c> text; <see langword="null"/> when absent.</summary>
    public static ulong? ParseIgnoredMask(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        foreach (string line in status.Split('\n'))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal)
                && ulong.TryParse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong mask))
            {
                return mask;
            }
        }

        return null;
    }

    private static ulong? ReadIgnoredMask()
    {
        const string Status = "/proc/self/status";
        return OperatingSystem.IsLinux() && File.Exists(Status) ? ParseIgnoredMask(File.ReadAllText(Status)) : null;
    }
}
