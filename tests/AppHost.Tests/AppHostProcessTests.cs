using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests;

/// <summary>
/// An AppHost run as its own process (tests/TestServices/Cascade.TestAppHost: two test services), stopped by
/// signals or killed outright, with every child process accounted for.
/// </summary>
public sealed class AppHostProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly string TestAppHostProject = Path.Combine(TestHost.RepositoryRoot, "tests", "TestServices", "Cascade.TestAppHost", "Cascade.TestAppHost.csproj");
    private readonly string _state = Directory.CreateTempSubdirectory("cascade-apphost-process-").FullName;
    private readonly CapturedOutput _output = new();

    public void Dispose() => Directory.Delete(_state, recursive: true);

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Signal_StopsEveryChild_AndTheAppHostExitsCleanly(string signal)
    {
        await using var appHost = Start();
        await appHost.WaitUntilReadyAsync(Patience, Token);
        var children = ProcessTree.Descendants(appHost.Id);
        children.Count.ShouldBeGreaterThanOrEqualTo(2, "the backend and frontend run as children");
        appHost.Output.ShouldContain("health: backend healthy, frontend healthy");

        await appHost.SignalAsync(signal);
        await appHost.WaitForExitAsync(Patience, Token);

        appHost.ExitCode.ShouldBe(0);
        appHost.Output.ShouldContain($"SIG{signal}: stopping");
        children.Where(ProcessTree.IsAlive).ShouldBeEmpty();
    }

    [Fact]
    public async Task CtrlCInATerminal_ReachingTheChildrenToo_IsAShutdownNotACrash()
    {
        await using var appHost = Start();
        await appHost.WaitUntilReadyAsync(Patience, Token);
        var children = ProcessTree.Descendants(appHost.Id);

        // A terminal's Ctrl+C signals the whole foreground process group: the children may exit first.
        await appHost.SignalAsync("INT", children);
        await appHost.WaitForExitAsync(Patience, Token);

        appHost.ExitCode.ShouldBe(0);
        appHost.Output.ShouldNotContain("exited with code");
        appHost.Output.ShouldNotContain("Restarting");
        children.Where(ProcessTree.IsAlive).ShouldBeEmpty();
    }

    [Fact]
    public async Task AKilledAppHostsChildren_AreStoppedByTheNextStart_BeforeItTakesTheirPorts()
    {
        // The same fixed port both times: the second start must stop the leftover backend before claiming it.
        var port = $"--AppHost:Resources:backend:Port={new PortAllocator().Allocate("backend")}";
        IReadOnlyList<int> orphans;
        await using (var first = Start(port))
        {
            await first.WaitUntilReadyAsync(Patience, Token);
            orphans = ProcessTree.Descendants(first.Id);
            first.KillAppHostOnly();
            await first.WaitForExitAsync(Patience, Token);
        }

        orphans.Where(ProcessTree.IsAlive).Count().ShouldBeGreaterThanOrEqualTo(2, "a killed AppHost cannot stop its children itself");

        await using var second = Start(port);
        await second.WaitUntilReadyAsync(Patience, Token);

        orphans.Where(ProcessTree.IsAlive).ShouldBeEmpty();
        second.Output.ShouldContain("left running by an AppHost that did not shut down");
        await second.SignalAsync("TERM");
        await second.WaitForExitAsync(Patience, Token);
    }

    [Fact]
    public async Task InvalidSettings_EndTheAppHostWithEveryProblemListed()
    {
        await using var appHost = Start("--AppHost:HealthTimeout=00:00:00", "--AppHost:CrashLogLines=0");

        await appHost.WaitForExitAsync(Patience, Token);

        appHost.ExitCode.ShouldBe(2);
        appHost.Output.ShouldContain("AppHost:HealthTimeout must be positive");
        appHost.Output.ShouldContain("AppHost:CrashLogLines must be at least 1");
    }

    private AppHostProcess Start(params string[] arguments)
    {
        var dll = ProjectOutputManifest.Load(AppContext.BaseDirectory).Resolve("test-apphost", TestAppHostProject);
        return AppHostProcess.Start(dll, [$"--AppHost:StateDirectory={_state}", "--AppHost:ShutdownTimeout=00:00:05", .. arguments], _output);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
