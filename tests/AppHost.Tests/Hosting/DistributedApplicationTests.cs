using System.Net.Http.Json;
using System.Text.Json;
using Cascade.AppHost.Hosting;
using Cascade.Testing.Integration;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.AppHost.Tests.Hosting;

/// <summary>
/// End to end: real child processes (the test service, <c>redis-server</c>) started, wired, crashed, restarted and
/// stopped by the orchestrator, with no process left behind.
/// </summary>
public sealed class DistributedApplicationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly CapturedOutput _output = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task StartAsync_StartsWaitedForServicesFirst_WiresThemByName_AndStopLeavesNoProcess()
    {
        var builder = TestHost.CreateBuilder(_output);
        var backend = builder.AddProject("backend", TestHost.TestServiceProject);
        var frontend = builder.AddProject("frontend", TestHost.TestServiceProject)
            .WithReference(backend)
            .WaitFor(backend)
            .WithExternalHttpEndpoints();
        builder.AddOptionalProject("support-chat", "src/SupportChatDemo/Absent.csproj").WithReference(frontend).WaitFor(frontend);
        await using var app = builder.Build();

        await app.StartAsync(Token);

        backend.Resource.State.ShouldBe(ResourceState.Running);
        frontend.Resource.State.ShouldBe(ResourceState.Running);
        app["support-chat"].State.ShouldBe(ResourceState.Skipped);
        var frontendUrl = frontend.Resource.HttpEndpoint!;
        var called = await _http.GetFromJsonAsync<JsonElement>(new Uri(frontendUrl, "/call/backend"), Token);
        called.GetProperty("name").GetString().ShouldBe("backend");
        called.GetProperty("processId").GetInt32().ShouldBe(backend.Resource.ProcessId!.Value);
        var info = await _http.GetFromJsonAsync<JsonElement>(new Uri(frontendUrl, "/info"), Token);
        var environment = info.GetProperty("environment");
        environment.GetProperty("services__backend__http__0").GetString().ShouldBe(backend.Resource.HttpEndpoint!.GetLeftPart(UriPartial.Authority));
        environment.GetProperty("OTEL_SERVICE_NAME").GetString().ShouldBe("frontend");
        _output.Text.ShouldContain($"frontend  {frontendUrl.GetLeftPart(UriPartial.Authority)}");
        _output.Text.ShouldContain("health: backend healthy, frontend healthy, support-chat skipped (project absent)");
        System.Text.RegularExpressions.Regex.IsMatch(_output.Text, @"(?m)^backend +\| ").ShouldBeTrue("each line a service prints is prefixed with its name");

        // A grandchild of the AppHost: the backend's own child process.
        using var child = await _http.PostAsync(new Uri(backend.Resource.HttpEndpoint, "/child"), null, Token);
        var grandchild = await child.Content.ReadFromJsonAsync<int>(Token);
        int[] processes = [backend.Resource.ProcessId!.Value, frontend.Resource.ProcessId!.Value, grandchild];
        processes.ShouldAllBe(pid => ProcessTree.IsAlive(pid));

        await app.StopAsync();

        processes.Where(ProcessTree.IsAlive).ShouldBeEmpty();
        backend.Resource.State.ShouldBe(ResourceState.Stopped);
        backend.Resource.ProcessId.ShouldBeNull();
    }

    [Fact]
    public async Task StartAsync_WithRedisServer_GivesServicesAWorkingConnectionString()
    {
        IntegrationRequirements.RedisServer();
        var builder = TestHost.CreateBuilder(_output);
        var redis = builder.AddRedis("redis");
        var backend = builder.AddProject("backend", TestHost.TestServiceProject).WithReference(redis).WaitFor(redis);
        await using var app = builder.Build();

        await app.StartAsync(Token);

        var redisProcess = redis.Resource.ProcessId!.Value;
        (await _http.GetStringAsync(new Uri(backend.Resource.HttpEndpoint!, "/redis"), Token)).ShouldStartWith("PONG");
        _output.Text.ShouldContain("health: redis healthy, backend healthy");

        await app.StopAsync();

        ProcessTree.IsAlive(redisProcess).ShouldBeFalse();
    }

    [Fact]
    public async Task ACrashedService_IsReportedWithItsLastLines_AndRestarted()
    {
        var builder = TestHost.CreateBuilder(_output);
        var backend = builder.AddProject("backend", TestHost.TestServiceProject)
            .WithRestartPolicy(new RestartPolicy { MaxRestarts = 2, InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero });
        await using var app = builder.Build();
        await app.StartAsync(Token);
        var first = backend.Resource.ProcessId!.Value;

        using var crash = await _http.PostAsync(new Uri(backend.Resource.HttpEndpoint!, "/crash"), null, Token);
        await app.WaitForResourceAsync("backend", r => r.Restarts == 1 && r.State == ResourceState.Running, Token).WaitAsync(Patience, Token);

        backend.Resource.ProcessId.ShouldNotBe(first);
        ProcessTree.IsAlive(first).ShouldBeFalse();
        _output.Text.ShouldContain($"backend (pid {first}) exited with code 42.");
        _output.Text.ShouldContain("  crashing on request");
        _output.Text.ShouldContain("restart 1 of at most 2 in a row");
        (await _http.GetAsync(new Uri(backend.Resource.HttpEndpoint!, "/health"), Token)).IsSuccessStatusCode.ShouldBeTrue();
    }

    [Fact]
    public async Task ACrashedService_IsRestartedOnlyWhenItsBackoffHasPassed()
    {
        var time = new FakeTimeProvider();
        var builder = TestHost.CreateBuilder(_output, timeProvider: time);
        var backend = builder.AddProject("backend", TestHost.TestServiceProject)
            .WithRestartPolicy(new RestartPolicy { MaxRestarts = 2, InitialBackoff = TimeSpan.FromMinutes(10), MaxBackoff = TimeSpan.FromMinutes(10) });
        await using var app = builder.Build();
        await app.StartAsync(Token);
        var first = backend.Resource.ProcessId!.Value;

        using var crash = await _http.PostAsync(new Uri(backend.Resource.HttpEndpoint!, "/crash"), null, Token);
        await app.WaitForResourceAsync("backend", r => r.State == ResourceState.Restarting, Token).WaitAsync(Patience, Token);

        backend.Resource.Restarts.ShouldBe(1);
        _output.Text.ShouldContain("Restarting it in 600 s");
        ProcessTree.IsAlive(first).ShouldBeFalse();
        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        backend.Resource.State.ShouldBe(ResourceState.Restarting);

        time.Advance(TimeSpan.FromTicks(1));
        await app.WaitForResourceAsync("backend", r => r.State == ResourceState.Running, Token).WaitAsync(Patience, Token);

        backend.Resource.ProcessId.ShouldNotBe(first);
    }

    [Fact]
    public async Task ACrashedService_WhoseChildHoldsItsOutputOpen_IsStillRestartedPromptly()
    {
        var builder = TestHost.CreateBuilder(_output);
        var backend = builder.AddProject("backend", TestHost.TestServiceProject)
            .WithRestartPolicy(new RestartPolicy { MaxRestarts = 1, InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero });
        await using var app = builder.Build();
        await app.StartAsync(Token);
        using var child = await _http.PostAsync(new Uri(backend.Resource.HttpEndpoint!, "/child"), null, Token);
        var grandchild = await child.Content.ReadFromJsonAsync<int>(Token);

        try
        {
            // The grandchild (sleep 300) inherited the service's stdout: the pipe stays open after the crash.
            using var crash = await _http.PostAsync(new Uri(backend.Resource.HttpEndpoint!, "/crash"), null, Token);
            await app.WaitForResourceAsync("backend", r => r.Restarts == 1 && r.State == ResourceState.Running, Token).WaitAsync(TimeSpan.FromSeconds(60), Token);

            _output.Text.ShouldContain("exited with code 42");
        }
        finally
        {
            // A crashed service's own children are not the AppHost's to find any more (they were reparented).
            ProcessTree.KillTree(grandchild);
        }
    }

    [Fact]
    public async Task StartAsync_WhenAServiceKeepsCrashing_FailsWithItsOutput_AndStartsNothingThatWaitsForIt()
    {
        var builder = TestHost.CreateBuilder(_output);
        var backend = builder.AddProject("backend", TestHost.TestServiceProject)
            .WithEnvironment("TestService__ExitOnStart", "3")
            .WithRestartPolicy(new RestartPolicy { MaxRestarts = 1, InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero });
        var frontend = builder.AddProject("frontend", TestHost.TestServiceProject).WithReference(backend).WaitFor(backend);
        await using var app = builder.Build();

        var ex = await Should.ThrowAsync<DistributedApplicationException>(() => app.StartAsync(Token));

        ex.Message.ShouldContain("exited with code 3 before it was ready");
        ex.Message.ShouldContain("failing on purpose at start");
        ex.Message.ShouldContain("crashed 2 times in a row");
        backend.Resource.Restarts.ShouldBe(1);
        backend.Resource.State.ShouldBe(ResourceState.Failed);
        frontend.Resource.ProcessId.ShouldBeNull();
        frontend.Resource.State.ShouldNotBe(ResourceState.Running);
    }

    [Fact]
    public async Task StartAsync_WhenAServiceNeverTurnsHealthy_FailsAfterTheHealthTimeout_AndStopsIt()
    {
        var builder = TestHost.CreateBuilder(_output, new Dictionary<string, string?> { ["AppHost:HealthTimeout"] = "00:00:03" });
        var backend = builder.AddProject("backend", TestHost.TestServiceProject).WithEnvironment("TestService__Unhealthy", "true");
        await using var app = builder.Build();
        int? pid = null;
        _ = app.WaitForResourceAsync("backend", r => (pid ??= r.ProcessId) is not null, Token);

        var ex = await Should.ThrowAsync<DistributedApplicationException>(() => app.StartAsync(Token));

        ex.Message.ShouldContain("backend did not become ready within 00:00:03");
        ex.Message.ShouldContain("/health never answered 200");
        pid.ShouldNotBeNull();
        ProcessTree.IsAlive(pid.Value).ShouldBeFalse();
    }

    [Fact]
    public async Task StartAsync_WithAMissingProject_NamesItsPath()
    {
        var builder = TestHost.CreateBuilder(_output);
        builder.AddProject("router", "src/Nowhere/Cascade.Nowhere.csproj");
        await using var app = builder.Build();

        var ex = await Should.ThrowAsync<DistributedApplicationException>(() => app.StartAsync(Token));

        ex.Message.ShouldContain(Path.Combine(TestHost.RepositoryRoot, "src", "Nowhere", "Cascade.Nowhere.csproj"));
    }

    [Fact]
    public async Task StartAsync_WithAStateFolderThatCannotBeCreated_SaysWhichSettingToChange()
    {
        var file = Path.GetTempFileName();
        try
        {
            var builder = TestHost.CreateBuilder(_output, new Dictionary<string, string?> { ["AppHost:StateDirectory"] = Path.Combine(file, "state") });
            builder.AddProject("backend", TestHost.TestServiceProject);
            await using var app = builder.Build();

            var ex = await Should.ThrowAsync<DistributedApplicationException>(() => app.StartAsync(Token));

            ex.Message.ShouldContain("set AppHost:StateDirectory to a writable folder");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task RunAsync_WhenStartFails_ReturnsOneAndSaysWhy()
    {
        var builder = TestHost.CreateBuilder(_output);
        builder.AddProject("router", "src/Nowhere/Cascade.Nowhere.csproj");
        await using var app = builder.Build();

        (await app.RunAsync(Token)).ShouldBe(1);

        _output.Text.ShouldContain("apphost: could not start: The project of resource 'router' was not found at");
    }

    [Fact]
    public async Task RunAsync_StopsEveryChildWhenCancelled()
    {
        var builder = TestHost.CreateBuilder(_output);
        var backend = builder.AddProject("backend", TestHost.TestServiceProject);
        await using var app = builder.Build();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var run = app.RunAsync(stop.Token);
        await app.WaitForResourceAsync("backend", r => r.State == ResourceState.Running, Token).WaitAsync(Patience, Token);
        var pid = backend.Resource.ProcessId!.Value;
        await stop.CancelAsync();

        (await run.WaitAsync(Patience, Token)).ShouldBe(0);
        ProcessTree.IsAlive(pid).ShouldBeFalse();
        _output.Text.ShouldContain("press Ctrl+C to stop");
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
