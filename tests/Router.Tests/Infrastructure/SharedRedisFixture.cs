using StackExchange.Redis;

[assembly: AssemblyFixture(typeof(Cascade.Router.Tests.SharedRedisFixture))]

namespace Cascade.Router.Tests;

/// <summary>One Redis server shared by the tests that never stop it; each test isolates itself with its own key prefix.</summary>
public sealed class SharedRedisFixture : IAsyncLifetime
{
    private RedisServer? _server;
    private IConnectionMultiplexer? _connection;

    /// <summary>Gets the running server, or skips the test when <c>redis-server</c> is missing.</summary>
    public RedisServer Server
    {
        get
        {
            RedisServer.RequireInstalled();
            return _server ?? throw new InvalidOperationException("The shared Redis server did not start.");
        }
    }

    /// <summary>Gets a connection shared by the tests.</summary>
    public IConnectionMultiplexer Connection
    {
        get
        {
            _ = Server;
            return _connection!;
        }
    }

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        if (RedisServer.Executable is null)
        {
            return;
        }

        _server = await RedisServer.StartAsync();
        _connection = await _server.ConnectAsync();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
