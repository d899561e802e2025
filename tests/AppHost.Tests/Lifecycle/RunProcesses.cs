using System.Globalization;

namespace Cascade.AppHost.Tests.Lifecycle;

/// <summary>
/// The processes of one AppHost run, read from <c>/proc</c>: the AppHost's descendants, and DCP's, which re-parents itself
/// to init and is found by its <c>--monitor &lt;apphost pid&gt;</c> argument. Each is identified by pid and start time, so
/// a reused pid is not mistaken for a survivor.
/// </summary>
internal static class RunProcesses
{
    /// <summary>A process, as pid and kernel start time.</summary>
    public readonly record struct Identity(int Pid, ulong StartTime, string CommandLine);

    /// <summary>
    /// Returns every live process of the run started by <paramref name="rootPid"/> (the AppHost, or the terminal it runs
    /// under), excluding the root itself.
    /// </summary>
    public static IReadOnlyList<Identity> Of(int rootPid)
    {
        Dictionary<int, (int Parent, ulong Start, string CommandLine)> all = Snapshot();
        var members = new HashSet<int> { rootPid };
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var (pid, process) in all)
            {
                if (!members.Contains(pid) && (members.Contains(process.Parent) || MonitorsAny(process.CommandLine, members)))
                {
                    members.Add(pid);
                    grew = true;
                }
            }
        }

        return [.. members.Where(pid => pid != rootPid && all.ContainsKey(pid)).Select(pid => new Identity(pid, all[pid].Start, all[pid].CommandLine))];
    }

    // DCP's API server re-parents itself to init and names the AppHost it serves with --monitor <pid>.
    private static bool MonitorsAny(string commandLine, HashSet<int> pids)
    {
        int at = commandLine.IndexOf("--monitor ", StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        string rest = commandLine[(at + "--monitor ".Length)..];
        int end = rest.IndexOf(' ', StringComparison.Ordinal);
        return int.TryParse(end < 0 ? rest : rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pids.Contains(pid);
    }

    /// <summary>Returns whether the process is still alive (same pid, same start time, not a zombie).</summary>
    public static bool IsAlive(Identity process) =>
        Read(process.Pid) is { } now && now.Start == process.StartTime && now.State != 'Z';

    /// <summary>Waits until none of <paramref name="processes"/> is alive, or <paramref name="patience"/> has passed; returns the survivors.</summary>
    public static async Task<IReadOnlyList<Identity>> WaitForNoneAliveAsync(IReadOnlyList<Identity> processes, TimeSpan patience, TimeProvider time)
    {
        long deadline = time.GetTimestamp() + (long)(patience.TotalSeconds * time.TimestampFrequency);
        while (true)
        {
            var alive = processes.Where(IsAlive).ToList();
            if (alive.Count == 0 || time.GetTimestamp() > deadline)
            {
                return alive;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time);
        }
    }

    private static Dictionary<int, (int Parent, ulong Start, string CommandLine)> Snapshot()
    {
        var all = new Dictionary<int, (int, ulong, string)>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && Read(pid) is { } process)
            {
                all[pid] = (process.Parent, process.Start, process.CommandLine);
            }
        }

        return all;
    }

    private static (int Parent, ulong Start, char State, string CommandLine)? Read(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");

            // The command name may hold spaces and parentheses: the fields after it start at the last ')'.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            string commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), ulong.Parse(fields[19], CultureInfo.InvariantCulture), fields[0][0], commandLine);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
