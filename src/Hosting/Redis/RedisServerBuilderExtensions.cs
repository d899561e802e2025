using Cascade;
using Cascade.Hosting;
using Cascade.Hosting.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

/// <summary>Adds Redis without a container runtime, and hands it to the services that keep shared state in it.</summary>
public static class RedisServerBuilderExtensions
{
    /// <summary>The configuration key of the folder Redis keeps its data in.</summary>
    public const string DataDirectoryKey = "AppHost:RedisDataDirectory";

    /// <summary>The configuration key of the <c>redis-server</c> to run (a file name looked up on <c>PATH</c>, or a path).</summary>
    public const string ServerKey = "AppHost:RedisServer";

    /// <summary>The command that installs <c>redis-server</c>, named in the notice when it is missing.</summary>
    public const string InstallCommand = "sudo apt-get install redis-server";

    /// <summary>
    /// Adds Redis: the external server of <c>ConnectionStrings:&lt;name&gt;</c> when configured; otherwise <c>redis-server</c>
    /// from <c>PATH</c> as an executable resource with a generated password (kept with the AppHost's user secrets), its
    /// append-only file under <c>AppHost:RedisDataDirectory</c> (default <c>.apphost/&lt;name&gt;</c> in the AppHost's
    /// folder) and a PING health check. Without <c>redis-server</c> it returns <see langword="null"/> and the run summary
    /// says how to install it; the services then keep their state in memory.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString>? AddRedisServer(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        RunNotices notices = RunNotices.For(builder);
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"ConnectionStrings:{name}"]))
        {
            notices.Add($"{name}: external, from ConnectionStrings:{name}");
            return builder.AddConnectionString(name);
        }

        string server = builder.Configuration[ServerKey] is { Length: > 0 } configured ? configured : "redis-server";
        if (ExecutableSearch.Find(server) is not { } command)
        {
            notices.Add($"{name}: {server} was not found on PATH, so the services keep their state in memory (nothing shared between replicas or kept across restarts). Install it with: {InstallCommand}");
            return null;
        }

        string dataDirectory = Path.GetFullPath(builder.Configuration[DataDirectoryKey] is { Length: > 0 } folder
            ? folder
            : Path.Combine(builder.AppHostDirectory, ".apphost", name), builder.AppHostDirectory);
        Directory.CreateDirectory(dataDirectory);

        // StackExchange.Redis cannot parse a password with a comma; letters and digits only.
        IResourceBuilder<ParameterResource> password = builder.AddParameter($"{name}-password", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
        var redis = new RedisServerResource(name, command, dataDirectory, password.Resource);

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(redis, async (_, cancellationToken) =>
            connectionString = await redis.ConnectionStringExpression.GetValueAsync(cancellationToken));
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis, async (_, cancellationToken) =>
            await WriteConfigurationAsync(redis, cancellationToken));

        string healthCheckKey = $"{name}_check";
        // One check, and so one kept connection, for the app host's life: the registration's factory runs on every check.
        var healthCheck = new RedisServerHealthCheck(() => connectionString);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => healthCheck, failureStatus: HealthStatus.Unhealthy, tags: null));

        return builder.AddResource(redis)
            .WithEndpoint(name: RedisServerResource.PrimaryEndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                context.Args.Add(redis.ConfigurationFile);
                context.Args.Add("--port");
                context.Args.Add(redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHealthCheck(healthCheckKey)
            .WithParentRelationship(password.Resource);
    }

    /// <summary>
    /// References <paramref name="redis"/> from a service and waits for it, or does nothing when Redis is absent (the service
    /// then runs on in-memory state).
    /// </summary>
    public static IResourceBuilder<TService> WithRedis<TService>(this IResourceBuilder<TService> service, IResourceBuilder<IResourceWithConnectionString>? redis)
        where TService : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(service);
        return redis is null ? service : service.WithReference(redis).WaitFor(redis);
    }

    // The password goes in a file only the AppHost's user reads, never on the command line or in the dashboard's arguments.
    private static async Task WriteConfigurationAsync(RedisServerResource redis, CancellationToken cancellationToken)
    {
        string password = await redis.PasswordParameter.GetValueAsync(cancellationToken) ?? throw new DistributedApplicationException($"The parameter {redis.PasswordParameter.Name} has no value.");
        string[] lines =
        [
            "# Written by the app host before each start of this redis-server; edits are overwritten.",
            "bind 127.0.0.1",
            "protected-mode yes",
            "daemonize no",
            $"dir \"{redis.DataDirectory.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"",
            "appendonly yes",
            "appendfsync everysec",
            "save \"\"",
            $"requirepass {password}",
        ];
        string file = redis.ConfigurationFile;
        await File.WriteAllLinesAsync(file, lines, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

    }
}
