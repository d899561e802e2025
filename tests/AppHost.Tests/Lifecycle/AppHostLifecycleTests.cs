namespace Cascade.AppHost.Tests.Lifecycle;

/// <summary>
/// Stopping a run: SIGTERM, and Ctrl+C typed into a terminal, each stop every process of the run (DCP, redis-server and
/// the services) with nothing left behind; a background start, where SIGINT is ignored, is warned about.
/// </summary>
public sealed class AppHostLifecycleTests
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sigterm_StopsEveryProcessOfTheRun()
    {
        Cascade.Testing.Integration.IntegrationRequirements.RedisServer();
        await using var appHost = AppHostProcess.Start();
        await appHost.WaitForOutputAsync(AppHostProcess.ReadyLine, StartPatience, Token);
        IReadOnlyList<RunProcesses.Identity> run = RunProcesses.Of(appHost.Id);
        run.ShouldContain(p => p.CommandLine.Contains("redis-server", StringComparison.Ordinal), "redis-server runs under the AppHost");
        run.ShouldContain(p => p.CommandLine.Contains("Cascade.Router", StringComparison.Ordinal), "the router runs under the AppHost");

        await appHost.SignalAsync("TERM");
        await appHost.WaitForExitAsync(StopPatience, Token);

        appHost.ExitCode.ShouldBe(0, appHost.Output.Text);
        (await RunProcesses.WaitForNoneAliveAsync(run, StopPatience, TimeProvider.System))
            .Select(p => $"{p.Pid} {p.CommandLine}").ShouldBeEmpty();
    }

    [Fact]
    public async Task CtrlCInATerminal_StopsEveryProcessOfTheRun()
    {
        Cascade.Testing.Integration.IntegrationRequirements.RedisServer();
        await using var appHost = AppHostProcess.Start(terminal: true);
        await appHost.WaitForOutputAsync(AppHostProcess.ReadyLine, StartPatience, Token);
        IReadOnlyList<RunProcesses.Identity> run = RunProcesses.Of(appHost.Id);
        run.ShouldContain(p => p.CommandLine.Contains("Cascade.Router", StringComparison.Ordinal), "the router runs under the AppHost");

        await appHost.TypeCtrlCAsync();
        await appHost.WaitForExitAsync(StopPatience, Token);

        appHost.ExitCode.ShouldBe(0, appHost.Output.Text);
        (await RunProcesses.WaitForNoneAliveAsync(run, StopPatience, TimeProvider.System))
            .Select(p => $"{p.Pid} {p.CommandLine}").ShouldBeEmpty();
    }

    [Fact]
    public async Task ABackgroundStart_WithSigintIgnored_IsWarnedAbout_AndStillStopsOnSigterm()
    {
        await using var appHost = AppHostProcess.Start(shellPrefix: "trap '' INT;");

        await appHost.WaitForOutputAsync("SIGINT is ignored", StartPatience, Token);
        await appHost.SignalAsync("TERM");
        await appHost.WaitForExitAsync(StopPatience, Token);

        appHost.Output.Text.ShouldContain("kill -TERM");
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
