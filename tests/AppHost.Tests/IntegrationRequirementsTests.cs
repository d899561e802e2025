using Cascade.Testing.Integration;

namespace Cascade.AppHost.Tests;

/// <summary>The shared integration helper of tests/Testing, which the AppHost's tests lean on.</summary>
public sealed class IntegrationRequirementsTests
{
    [Fact]
    public void Executable_WhenMissing_SkipsOrFailsSayingHowToInstallIt()
    {
        var ex = Should.Throw<Exception>(() => IntegrationRequirements.Executable("cascade-no-such-tool", "sudo apt-get install cascade-no-such-tool"));

        ex.Message.ShouldContain("cascade-no-such-tool is not installed");
        ex.Message.ShouldContain("`sudo apt-get install cascade-no-such-tool`");
        ex.Message.ShouldContain(IntegrationRequirements.RequiredVariable);
        ex.GetType().Name.ShouldBe(IntegrationRequirements.IsRequired ? "FailException" : "SkipException");
    }

    [Fact]
    public void Executable_WhenPresent_ReturnsItsPath()
    {
        var path = IntegrationRequirements.Executable(["cascade-no-such-tool", "sh"], "never shown");

        Path.GetFileName(path).ShouldBe("sh");
        File.Exists(path).ShouldBeTrue();
    }
}
