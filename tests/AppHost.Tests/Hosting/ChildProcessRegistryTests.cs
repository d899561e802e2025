using System.Diagnostics;
using System.Globalization;
using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class ChildProcessRegistryTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("cascade-registry-").FullName;
    private readonly List<Process> _processes = [];

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public void StopLeftovers_StopsChildrenRecordedByAnAppHostThatIsGone()
    {
        var child = Sleep();
        File.WriteAllLines(Path.Combine(_state, "children.tsv"), [Line(int.MaxValue - 1, "apphost", 0), Line(child.Id, "router", StartTicks(child))]);

        var stopped = new ChildProcessRegistry(_state).StopLeftovers();

        stopped.ShouldBe([$"router (pid {child.Id})"]);
        child.WaitForExit(10_000).ShouldBeTrue();
    }

    [Fact]
    public void StopLeftovers_LeavesTheChildrenOfAnAppHostStillRunning()
    {
        var otherAppHost = Sleep();
        var child = Sleep();
        File.WriteAllLines(Path.Combine(_state, "children.tsv"), [Line(otherAppHost.Id, "apphost", StartTicks(otherAppHost)), Line(child.Id, "router", StartTicks(child))]);

        var stopped = new ChildProcessRegistry(_state).StopLeftovers();

        stopped.ShouldBeEmpty();
        child.HasExited.ShouldBeFalse();
    }

    [Fact]
    public void StopLeftovers_LeavesAProcessThatReusedARecordedId()
    {
        var unrelated = Sleep();
        var recordedStart = StartTicks(unrelated) - TimeSpan.FromHours(1).Ticks;
        File.WriteAllLines(Path.Combine(_state, "children.tsv"), [Line(int.MaxValue - 1, "apphost", 0), Line(unrelated.Id, "router", recordedStart)]);

        var stopped = new ChildProcessRegistry(_state).StopLeftovers();

        stopped.ShouldBeEmpty();
        unrelated.HasExited.ShouldBeFalse();
    }

    [Fact]
    public void Add_RecordsTheChildSoThatTheNextAppHostFindsIt()
    {
        var child = Sleep();
        var registry = new ChildProcessRegistry(_state);
        registry.Add("router", child);

        var lines = File.ReadAllLines(Path.Combine(_state, "children.tsv"));

        lines[0].ShouldStartWith($"{Environment.ProcessId}\tapphost\t");
        lines[1].ShouldBe(Line(child.Id, "router", StartTicks(child)));
        registry.Remove(child.Id);
        File.ReadAllLines(Path.Combine(_state, "children.tsv")).Length.ShouldBe(1);
    }

    private Process Sleep()
    {
        var process = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        _processes.Add(process);
        return process;
    }

    private static long StartTicks(Process process) => process.StartTime.ToUniversalTime().Ticks;

    private static string Line(int pid, string name, long ticks) => string.Create(CultureInfo.InvariantCulture, $"{pid}\t{name}\t{ticks}");
}
