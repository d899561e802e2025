using Cascade.Hosting;
using Cascade.Hosting.Redis;
using Cascade.Testing.Integration;

namespace Cascade.AppHost.Tests.Hosting.Redis;

public sealed class RedisServerBuilderExtensionsTests
{
    [Fact]
    public void WithoutRedisServer_NoResourceIsAdded_AndTheNoticeSaysHowToInstallIt()
    {
        IDistributedApplicationBuilder builder = Builder("--AppHost:RedisServer=/nonexistent/redis-server");

        IResourceBuilder<IResourceWithConnectionString>? redis = builder.AddRedisServer("redis");

        redis.ShouldBeNull();
        builder.Resources.ShouldNotContain(r => r.Name == "redis");
        RunNotices.For(builder).Lines.ShouldContain(line => line.Contains("in memory", StringComparison.Ordinal) && line.Contains(RedisServerBuilderExtensions.InstallCommand, StringComparison.Ordinal));
    }

    [Fact]
    public void AnExternalConnectionString_IsUsedInsteadOfAServer()
    {
        IDistributedApplicationBuilder builder = Builder("--ConnectionStrings:redis=redis.internal:6380,password=x");

        IResourceBuilder<IResourceWithConnectionString>? redis = builder.AddRedisServer("redis");

        redis.ShouldNotBeNull().Resource.ShouldNotBeOfType<RedisServerResource>();
        RunNotices.For(builder).Lines.ShouldContain("redis: external, from ConnectionStrings:redis");
    }

    [Fact]
    public void WithRedisServer_AnExecutableWithAPasswordParameterAndItsDataFolderIsAdded()
    {
        IntegrationRequirements.RedisServer();
        string data = Directory.CreateTempSubdirectory("cascade-redis-resource-").FullName;
        try
        {
            IDistributedApplicationBuilder builder = Builder($"--AppHost:RedisDataDirectory={data}");

            var redis = builder.AddRedisServer("redis").ShouldNotBeNull().Resource.ShouldBeOfType<RedisServerResource>();

            redis.DataDirectory.ShouldBe(data);
            redis.ConfigurationFile.ShouldBe(Path.Combine(data, "redis.conf"));
            redis.PasswordParameter.Secret.ShouldBeTrue();
            redis.ConnectionStringExpression.ValueExpression.ShouldContain("password=");
            Path.GetFileName(redis.Command).ShouldBe("redis-server");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static IDistributedApplicationBuilder Builder(params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, DisableDashboard = true });
}
