using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.Router.Tests;

/// <summary>Hosts the router in memory with test settings and a fake clock.</summary>
public sealed class RouterFactory : WebApplicationFactory<Program>
{
    /// <summary>The admin key the tests use.</summary>
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly Dictionary<string, string?> _settings;

    /// <summary>Initializes a factory.</summary>
    /// <param name="redisConnection">The Redis connection string, or <see langword="null"/> for in-memory state.</param>
    /// <param name="settings">More settings.</param>
    public RouterFactory(string? redisConnection = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Router:AdminKey"] = AdminKey,
            ["Router:RedisPrefix"] = $"test:{Guid.NewGuid():N}:",
        };
        if (redisConnection is not null)
        {
            _settings["ConnectionStrings:redis"] = redisConnection;
        }

        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[name] = value;
        }
    }

    /// <summary>Gets the router's clock.</summary>
    public FakeTimeProvider Clock { get; } = TestRouter.Clock();

    /// <summary>Creates a client that sends the admin key.</summary>
    public HttpClient CreateAdminClient()
    {
        HttpClient client = CreateClient();
        client.DefaultRequestHeaders.Add("x-admin-key", AdminKey);
        return client;
    }

    /// <inheritdoc/>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (name, value) in _settings)
        {
            builder.UseSetting(name, value);
        }

        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}
