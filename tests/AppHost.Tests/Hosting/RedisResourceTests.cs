using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class RedisResourceTests : IDisposable
{
    private readonly PreparedModel _model = new();

    public void Dispose() => _model.Dispose();

    [Fact]
    public void ReferencedRedis_IsInjectedAsAConnectionStringToTheServerTheAppHostRuns()
    {
        var fakeRedis = _model.FakeExecutable("redis-server");
        var (builder, manifest) = _model.Builder(new() { ["AppHost:RedisServer"] = fakeRedis });
        var redis = builder.AddRedis("redis");
        var router = builder.AddProject("router", _model.Project("router", manifest)).WithReference(redis);

        var environment = _model.Prepare(builder, manifest, router.Resource);

        environment["ConnectionStrings__redis"].ShouldBe($"127.0.0.1:{redis.Resource.Port},abortConnect=false");
        var launch = redis.Resource.CreateLaunch(new Dictionary<string, string>(), builder.Options).ShouldNotBeNull();
        launch.FileName.ShouldBe(fakeRedis);
        launch.Arguments.ShouldBe(["--port", redis.Resource.Port.ToString()!, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", redis.Resource.DataDirectory!]);
        redis.Resource.DataDirectory!.ShouldStartWith(Path.GetFullPath(builder.Options.StateDirectory, builder.ProjectDirectory));
        launch.ReadyLine.ShouldBe("Ready to accept connections");
    }

    [Fact]
    public void ExternalRedis_IsInjectedAsConfiguredAndNotStarted()
    {
        var (builder, manifest) = _model.Builder(new() { ["ConnectionStrings:redis"] = "cache.internal:6380,password=x" });
        var redis = builder.AddRedis("redis");
        var router = builder.AddProject("router", _model.Project("router", manifest)).WithReference(redis);

        var environment = _model.Prepare(builder, manifest, router.Resource);

        environment["ConnectionStrings__redis"].ShouldBe("cache.internal:6380,password=x");
        redis.Resource.IsExternal.ShouldBeTrue();
        redis.Resource.CreateLaunch(new Dictionary<string, string>(), builder.Options).ShouldBeNull();
    }

    [Fact]
    public void MissingRedisServer_InjectsNoConnectionStringAndSaysHowToInstallIt()
    {
        var (builder, manifest) = _model.Builder(new() { ["AppHost:RedisServer"] = "redis-server-that-is-not-installed" });
        var redis = builder.AddRedis("redis");
        var router = builder.AddProject("router", _model.Project("router", manifest)).WithReference(redis);

        var environment = _model.Prepare(builder, manifest, router.Resource);

        environment.Keys.ShouldNotContain("ConnectionStrings__redis");
        redis.Resource.SkipReason.ShouldNotBeNull();
        redis.Resource.Notice.ShouldNotBeNull();
        redis.Resource.Notice.ShouldContain("in-memory state");
        redis.Resource.Notice.ShouldContain("sudo apt-get install redis-server");
    }
}
