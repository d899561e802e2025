using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class ResourceProcessTests
{
    private readonly CapturedOutput _output = new();

    [Fact]
    public async Task Output_IsPrefixedWithTheResourceName_AndKeptInTheTail()
    {
        var tail = new LogTail(capacity: 2);
        using var process = new ResourceProcess("router", Shell("echo one; echo two >&2; echo three; exit 3"), Console(), tail);

        process.Start();
        await process.Exited.WaitAsync(TimeSpan.FromSeconds(30), Token);

        process.ExitCode.ShouldBe(3);
        tail.Snapshot().Count.ShouldBe(2);
        tail.Snapshot().ShouldContain("three");
        _output.Text.ShouldContain("router   | one");
        _output.Text.ShouldContain("router   | two");
    }

    [Fact]
    public async Task ReadyLine_IsNoticed()
    {
        using var process = new ResourceProcess("redis", Shell("echo starting; echo '* Ready to accept connections tcp'; exec sleep 120") with { ReadyLine = RedisResource.ReadyLine }, Console(), new LogTail());

        process.Start();
        await process.ReadyLineSeen.WaitAsync(TimeSpan.FromSeconds(30), Token);

        process.HasExited.ShouldBeFalse();
        await process.StopAsync(TimeSpan.FromSeconds(5));
        process.HasExited.ShouldBeTrue();
    }

    [Fact]
    public async Task StopAsync_KillsAProcessThatIgnoresSigterm_AndItsChildren()
    {
        using var process = new ResourceProcess("stubborn", Shell("trap '' TERM; sleep 120 & echo started; wait"), Console(), new LogTail());
        process.Start();
        await _output.WaitForLineAsync("stubborn | started").WaitAsync(TimeSpan.FromSeconds(30), Token);
        var children = ProcessTree.Descendants(process.Id);
        children.ShouldNotBeEmpty();

        await process.StopAsync(TimeSpan.FromMilliseconds(500));

        process.HasExited.ShouldBeTrue();
        children.Where(ProcessTree.IsAlive).ShouldBeEmpty();
        _output.Text.ShouldContain("stubborn did not stop within 0.5 s; killing it");
    }

    [Fact]
    public void Start_OfAMissingExecutable_SaysWhichResourceAndFile()
    {
        using var process = new ResourceProcess("router", new ResourceLaunch { FileName = "/nonexistent/dotnet", WorkingDirectory = Path.GetTempPath() }, Console(), new LogTail());

        Should.Throw<DistributedApplicationException>(process.Start).Message.ShouldContain("Resource 'router' could not start /nonexistent/dotnet");
    }

    private AppHostConsole Console()
    {
        var console = new AppHostConsole(_output);
        console.AlignNames(["router", "stubborn"]);
        return console;
    }

    private static ResourceLaunch Shell(string script) => new()
    {
        FileName = "sh",
        Arguments = ["-c", script],
        WorkingDirectory = Path.GetTempPath(),
    };

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
