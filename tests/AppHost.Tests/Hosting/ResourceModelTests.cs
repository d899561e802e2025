using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class ResourceModelTests
{
    [Theory]
    [InlineData("redis")]
    [InlineData("support-chat")]
    [InlineData("router2")]
    public void Resource_AcceptsKebabCaseNames(string name) => new RedisResource(name).Name.ShouldBe(name);

    [Theory]
    [InlineData("Router")]
    [InlineData("support_chat")]
    [InlineData("-router")]
    [InlineData("router-")]
    [InlineData("2router")]
    public void Resource_RejectsOtherNamesSayingWhatIsExpected(string name) =>
        Should.Throw<ArgumentException>(() => new RedisResource(name)).Message.ShouldContain("kebab-case");

    [Fact]
    public void AddProject_RejectsADuplicateName()
    {
        var builder = TestHost.CreateBuilder(new CapturedOutput());
        builder.AddProject("router", "a.csproj");

        Should.Throw<ArgumentException>(() => builder.AddRedis("router")).Message.ShouldContain("'router' already exists");
    }

    [Fact]
    public void WithReference_RejectsItselfAndKeepsOneEntryPerResource()
    {
        var builder = TestHost.CreateBuilder(new CapturedOutput());
        var redis = builder.AddRedis("redis");
        var router = builder.AddProject("router", "a.csproj");

        router.WithReference(redis).WithReference(redis).WaitFor(redis).WaitFor(redis);

        router.Resource.References.ShouldBe([redis.Resource]);
        router.Resource.WaitsFor.ShouldBe([redis.Resource]);
        Should.Throw<ArgumentException>(() => router.WithReference(router));
        Should.Throw<ArgumentException>(() => router.WaitFor(router));
    }

    [Fact]
    public void Build_RejectsAReferenceToAResourceOfAnotherApplication()
    {
        var builder = TestHost.CreateBuilder(new CapturedOutput());
        var foreign = TestHost.CreateBuilder(new CapturedOutput()).AddRedis("redis");
        builder.AddProject("router", "a.csproj").WithReference(foreign);

        Should.Throw<DistributedApplicationException>(builder.Build).Message.ShouldContain("'redis', which is not part of this application");
    }

    [Fact]
    public void Build_OrdersResourcesAfterWhatTheyWaitFor()
    {
        var builder = TestHost.CreateBuilder(new CapturedOutput());
        var demo = builder.AddProject("support-chat", "d.csproj");
        var router = builder.AddProject("router", "r.csproj");
        var redis = builder.AddRedis("redis");
        var simulator = builder.AddProject("simulator", "s.csproj");
        demo.WaitFor(router);
        router.WaitFor(redis).WaitFor(simulator);

        var app = builder.Build();

        app.Resources.Select(r => r.Name).ShouldBe(["redis", "simulator", "router", "support-chat"]);
    }

    [Fact]
    public void Build_NamesAWaitCycle()
    {
        var builder = TestHost.CreateBuilder(new CapturedOutput());
        var a = builder.AddProject("a", "a.csproj");
        var b = builder.AddProject("b", "b.csproj");
        var c = builder.AddProject("c", "c.csproj");
        a.WaitFor(b);
        b.WaitFor(c);
        c.WaitFor(a);

        Should.Throw<DistributedApplicationException>(builder.Build).Message.ShouldContain("a -> b -> c -> a");
    }

    [Fact]
    public void Build_AllowsResourcesToReferenceEachOther()
    {
        var builder = TestHost.CreateBuilder(new CapturedOutput());
        var a = builder.AddProject("a", "a.csproj");
        var b = builder.AddProject("b", "b.csproj");
        a.WithReference(b);
        b.WithReference(a);

        builder.Build().Resources.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void WithHttpEndpoint_RejectsAPortOutOfRange(int port)
    {
        var builder = TestHost.CreateBuilder(new CapturedOutput());

        Should.Throw<ArgumentOutOfRangeException>(() => builder.AddProject("router", "a.csproj").WithHttpEndpoint(port));
    }

    [Fact]
    public void WithHttpHealthCheck_SetsTheProjectsHealthPath_AndRejectsOtherResources()
    {
        var builder = TestHost.CreateBuilder(new CapturedOutput());

        builder.AddProject("router", "a.csproj").WithHttpHealthCheck("/ready").Resource.HealthPath.ShouldBe("/ready");
        Should.Throw<ArgumentException>(() => builder.AddProject("verifier", "v.csproj").WithHttpHealthCheck("ready"));
        Should.Throw<InvalidOperationException>(() => builder.AddRedis("redis").WithHttpHealthCheck("/health"));
    }

    [Fact]
    public void WithRestartPolicy_RejectsAnInvalidPolicy()
    {
        var builder = TestHost.CreateBuilder(new CapturedOutput());

        Should.Throw<ArgumentException>(() => builder.AddProject("router", "a.csproj").WithRestartPolicy(new RestartPolicy { MaxRestarts = -1 }))
            .Message.ShouldContain("MaxRestarts");
    }

    [Fact]
    public void Builder_ListsEveryInvalidSettingAtOnce()
    {
        var ex = Should.Throw<DistributedApplicationException>(() => TestHost.CreateBuilder(new CapturedOutput(), new Dictionary<string, string?>
        {
            ["AppHost:HealthTimeout"] = "00:00:00",
            ["AppHost:RestartPolicy:MaxBackoff"] = "00:00:00",
            ["AppHost:Resources:router:Port"] = "70000",
        }));

        ex.Message.ShouldContain("AppHost:HealthTimeout");
        ex.Message.ShouldContain("AppHost:RestartPolicy:MaxBackoff");
        ex.Message.ShouldContain("AppHost:Resources:router:Port");
    }

    [Fact]
    public void Builder_ReportsASettingThatIsNotANumber()
    {
        var ex = Should.Throw<DistributedApplicationException>(() => TestHost.CreateBuilder(new CapturedOutput(), new Dictionary<string, string?>
        {
            ["AppHost:RestartPolicy:MaxRestarts"] = "many",
        }));

        ex.Message.ShouldContain("AppHost configuration cannot be read");
    }
}
