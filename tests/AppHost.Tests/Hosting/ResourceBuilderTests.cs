using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class ResourceBuilderTests
{
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
}
