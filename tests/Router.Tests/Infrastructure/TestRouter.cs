using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Cascade.Router.Tests;

/// <summary>Builds the router's pieces by hand for unit and store tests.</summary>
internal static class TestRouter
{
    public static DateTimeOffset Start { get; } = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    public static IOptions<RouterOptions> Options(Action<RouterOptions>? configure = null, string? prefix = null)
    {
        RouterOptions options = new() { RedisPrefix = prefix ?? $"test:{Guid.NewGuid():N}:" };
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    public static RouterRedis Redis(IConnectionMultiplexer? connection, IOptions<RouterOptions> options, TimeProvider time) =>
        new(connection, options, time, NullLogger<RouterRedis>.Instance);

    public static FakeTimeProvider Clock() => new(Start);

    public static ApiKeyRecord Key(ApiKeyPolicy? policy = null, string? id = null) => new()
    {
        Id = id ?? ApiKeySecret.NewId(),
        Name = "test key",
        Prefix = "csk_testtest",
        Hash = Guid.NewGuid().ToString("N"),
        Policy = policy ?? new ApiKeyPolicy(),
        CreatedAt = Start,
    };
}
