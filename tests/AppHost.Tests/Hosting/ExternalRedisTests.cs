using Cascade.AppHost.Hosting;
using Cascade.Testing.Integration;

namespace Cascade.AppHost.Tests.Hosting;

/// <summary>An external Redis (here the shared <see cref="RedisServerFixture"/>) given as <c>ConnectionStrings:redis</c>.</summary>
public sealed class ExternalRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task ConfiguredConnectionString_ReachesTheServices_AndNoRedisServerIsStarted()
    {
        var output = new CapturedOutput();
        var builder = TestHost.CreateBuilder(output, new Dictionary<string, string?> { ["ConnectionStrings:redis"] = redis.ConnectionString });
        var cache = builder.AddRedis("redis");
        var backend = builder.AddProject("backend", TestHost.TestServiceProject).WithReference(cache).WaitFor(cache);
        await using var app = builder.Build();

        await app.StartAsync(TestContext.Current.CancellationToken);

        using var http = new HttpClient();
        (await http.GetStringAsync(new Uri(backend.Resource.HttpEndpoint!, "/redis"), TestContext.Current.CancellationToken)).ShouldStartWith("PONG");
        cache.Resource.IsExternal.ShouldBeTrue();
        cache.Resource.ProcessId.ShouldBeNull();
        output.Text.ShouldContain("redis: external, from configuration ConnectionStrings:redis");
        output.Text.ShouldContain("health: redis external, backend healthy");
    }
}
