using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class StartupOrderTests
{
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
}
