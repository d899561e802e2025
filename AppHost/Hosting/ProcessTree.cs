using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Cascade.AppHost.Hosting;

/// <summary>Process-tree helpers: a graceful SIGTERM, the descendants of a process, and whether a process is still alive.</summary>
public static partial class ProcessTree
{
    private const int SigTerm = 15;

    /// <summary>Asks <paramref name="processId"/> to stop (SIGTERM); returns <see langword="false"/> where signals are not available or the process is gone.</summary>
    public static bool RequestStop(int processId) =>
        !OperatingSystem.IsWindows() && Kill(processId, SigTerm) == 0;

    /// <summary>Returns the ids of every descendant of <paramref name="processId"/> (children, grandchildren, ...), read from <c>/proc</c>; empty where <c>/proc</c> is absent.</summary>
    public static IReadOnlyList<int> Descendants(int processId)
    {
        if (!Directory.Exists("/proc"))
        {
            return [];
        }

        var parents = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || ParentOf(pid) is not { } parent)
            {
                continue;
            }

            if (!parents.TryGetValue(parent, out var children))
            {
                parents[parent] = children = [];
            }

            children.Add(pid);
        }

        var result = new List<int>();
        var pending = new Stack<int>([processId]);
        while (pending.TryPop(out var current))
        {
            if (parents.TryGetValue(current, out var children))
            {
                foreach (var child in children)
                {
                    result.Add(child);
                    pending.Push(child);
                }
            }
        }

        return result;
    }

    /// <summary>Returns whether a process with <paramref name="processId"/> is running (a zombie counts as gone).</summary>
    public static bool IsAlive(int processId)
    {
        if (File.Exists($"/proc/{processId}/stat"))
        {
            return StateOf(processId) is not ('Z' or 'X' or null);
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Kills <paramref name="processId"/> and its descendants, ignoring processes already gone, and waits up to a few seconds until they are.</summary>
    public static void KillTree(int processId)
    {
        var descendants = Descendants(processId);
        SendKill(processId, descendants);
        WaitUntilGone([processId, .. descendants], TimeSpan.FromSeconds(5));
    }

    /// <summary>Waits until none of <paramref name="processIds"/> is alive, or <paramref name="timeout"/> passed; returns whether they are all gone.</summary>
    public static bool WaitUntilGone(IReadOnlyCollection<int> processIds, TimeSpan timeout)
    {
        // A kill is delivered asynchronously: the target can still be listed for a moment after kill(2) returned.
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (processIds.Any(IsAlive))
        {
            if (Stopwatch.GetTimestamp() >= deadline)
            {
                return false;
            }

            Thread.Sleep(10);
        }

        return true;
    }

    private static void SendKill(int processId, IReadOnlyList<int> descendants)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }

        // Children that the parent's death reparented are no longer in its tree: kill them by the ids seen before.
        foreach (var pid in descendants)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    private static int? ParentOf(int pid) => StatFields(pid) is { } fields && int.TryParse(fields[1], out var parent) ? parent : null;

    private static char? StateOf(int pid) => StatFields(pid) is { } fields && fields[0].Length > 0 ? fields[0][0] : null;

    // /proc/<pid>/stat is "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so split after the last ')'.
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return end < 0 ? null : stat[(end + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
