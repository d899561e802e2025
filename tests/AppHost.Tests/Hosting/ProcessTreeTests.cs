using System.Diagnostics;
using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class ProcessTreeTests
{
    [Fact]
    public async Task KillTree_StopsAProcessAndItsChildren()
    {
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 120 & sleep 120 & echo started; wait"]) { UseShellExecute = false, RedirectStandardOutput = true })!;
        (await shell.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken)).ShouldBe("started");
        var children = ProcessTree.Descendants(shell.Id);
        children.Count.ShouldBe(2);
        children.ShouldAllBe(pid => ProcessTree.IsAlive(pid));

        ProcessTree.KillTree(shell.Id);
        await shell.WaitForExitAsync(TestContext.Current.CancellationToken);

        ProcessTree.IsAlive(shell.Id).ShouldBeFalse();
        children.Where(ProcessTree.IsAlive).ShouldBeEmpty();
    }

    [Fact]
    public async Task RequestStop_SendsSigterm()
    {
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", "trap 'echo terminated; exit 7' TERM; echo ready; while :; do sleep 1; done"]) { UseShellExecute = false, RedirectStandardOutput = true })!;
        (await shell.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken)).ShouldBe("ready");

        ProcessTree.RequestStop(shell.Id).ShouldBeTrue();

        (await shell.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken)).ShouldBe("terminated");
        await shell.WaitForExitAsync(TestContext.Current.CancellationToken);
        shell.ExitCode.ShouldBe(7);
        ProcessTree.KillTree(shell.Id);
    }

    [Fact]
    public void IsAlive_IsFalseForAProcessThatDoesNotExist() => ProcessTree.IsAlive(int.MaxValue - 1).ShouldBeFalse();

    [Fact]
    public void IsAlive_IsTrueForThisProcess() => ProcessTree.IsAlive(Environment.ProcessId).ShouldBeTrue();
}
