using System.Diagnostics;
using System.Globalization;

namespace Cascade.AppHost.Hosting;

/// <summary>
/// A record, in the AppHost's state folder, of the child processes it started, so that the next start can stop any
/// that a killed AppHost left behind. A child is only stopped when the AppHost that started it is gone and the
/// process id still belongs to the same process (same start time).
/// </summary>
public sealed class ChildProcessRegistry
{
    private readonly string _file;
    private readonly Dictionary<int, (string Name, long StartTicks)> _children = [];
    private readonly Lock _lock = new();

    /// <summary>Initializes a registry kept in <paramref name="stateDirectory"/>.</summary>
    public ChildProcessRegistry(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        _file = Path.Combine(stateDirectory, "children.tsv");
    }

    /// <summary>Stops the processes that a previous AppHost, no longer running, recorded; returns their names and ids.</summary>
    public IReadOnlyList<string> StopLeftovers()
    {
        if (!File.Exists(_file))
        {
            return [];
        }

        var stopped = new List<string>();
        var lines = File.ReadAllLines(_file);
        if (lines.Length > 0 && Parse(lines[0]) is { Name: "apphost" } owner && IsSameProcess(owner.Pid, owner.StartTicks) && owner.Pid != Environment.ProcessId)
        {
            // Another AppHost sharing this folder is still running: its children are not leftovers.
            return [];
        }

        foreach (var entry in lines.Skip(1).Select(Parse).OfType<(int Pid, string Name, long StartTicks)>())
        {
            if (IsSameProcess(entry.Pid, entry.StartTicks))
            {
                ProcessTree.KillTree(entry.Pid);
                stopped.Add($"{entry.Name} (pid {entry.Pid})");
            }
        }

        File.Delete(_file);
        return stopped;
    }

    /// <summary>Records a started child.</summary>
    public void Add(string resourceName, Process process)
    {
        lock (_lock)
        {
            _children[process.Id] = (resourceName, StartTicksOf(process));
            Save();
        }
    }

    /// <summary>Forgets a child that exited.</summary>
    public void Remove(int processId)
    {
        lock (_lock)
        {
            if (_children.Remove(processId))
            {
                Save();
            }
        }
    }

    private void Save()
    {
        using var self = Process.GetCurrentProcess();
        var lines = new List<string> { Format(Environment.ProcessId, "apphost", StartTicksOf(self)) };
        lines.AddRange(_children.Select(c => Format(c.Key, c.Value.Name, c.Value.StartTicks)));
        File.WriteAllLines(_file, lines);
    }

    private static string Format(int pid, string name, long startTicks) =>
        string.Create(CultureInfo.InvariantCulture, $"{pid}\t{name}\t{startTicks}");

    private static (int Pid, string Name, long StartTicks)? Parse(string line)
    {
        var parts = line.Split('\t');
        return parts.Length == 3
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var ticks)
            ? (pid, parts[1], ticks)
            : null;
    }

    private static long StartTicksOf(Process process)
    {
        try
        {
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    private static bool IsSameProcess(int pid, long startTicks)
    {
        if (!ProcessTree.IsAlive(pid))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);

            // Start times read twice can differ by a clock tick; a reused pid differs by far more.
            return Math.Abs(StartTicksOf(process) - startTicks) < TimeSpan.TicksPerSecond;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
