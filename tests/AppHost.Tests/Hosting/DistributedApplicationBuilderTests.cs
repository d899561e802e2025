using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class DistributedApplicationBuilderTests
{
    [Fact]
    public void AddProject_RejectsADuplicateName()
    {
        var builder = TestHost.CreateBuilder(new CapturedOutput());
        builder.AddProject("router", "a.csproj");

        Should.Throw<ArgumentException>(() => builder.AddRedis("router")).Message.ShouldContain("'router' already exists");
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
