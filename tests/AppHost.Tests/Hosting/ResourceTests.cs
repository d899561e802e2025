using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class ResourceTests
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
}
