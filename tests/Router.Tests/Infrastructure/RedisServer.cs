using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cascade.Testing.Integration;
using StackExchange.Redis;

namespace Cascade.Router.Tests;

/// <summary>
/// A real <c>redis-server</c> child process on a free loopback port, which a test can stop and start again on the
/// same port to play an outage (optionally keeping its data, as a persistent production Redis does), which the shared
/// <c>RedisServerFixture</c> does not offer. Tests skip through <see cref="IntegrationRequirements"/> when
/// <c>redis-server</c> is not installed, and fail instead when <c>CASCADE_REQUIRE_INTEGRATION=1</c>.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private readonly string? _dataDirectory;

    private RedisServer(int port, string? dataDirectory)
    {
        Port = port;
        _dataDirectory = dataDirectory;
    }

    /// <summary>Gets the port.</summary>
    public int Port { get; }

    /// <summary>Gets a connection string with fast failure detection.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000,connectRetry=1";

    /// <summary>Gets whether the server process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Finds <c>redis-server</c> on the PATH, or <see langword="null"/>.</summary>
    public static string? Executable { get; } = FindExecutable();

    /// <summary>Starts a server, or skips the calling test when <c>redis-server</c> is missing.</summary>
    /// <param name="persistent">Keep the data across a restart (an append-only file in a temporary folder), as a production Redis does.</param>
    public static async Task<RedisServer> StartAsync(bool persistent = false)
    {
        RequireInstalled();
        RedisServer server = new(FreePort(), persistent ? Directory.CreateTempSubdirectory("cascade-redis").FullName : null);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Skips the test when <c>redis-server</c> is missing, or fails it when integration tests are required.</summary>
    public static void RequireInstalled()
    {
        if (Executable is null)
        {
            IntegrationRequirements.RedisServer();
        }
    }

    /// <summary>Connects a new multiplexer.</summary>
    public async Task<IConnectionMultiplexer> ConnectAsync()
    {
        ConfigurationOptions options = ConfigurationOptions.Parse(ConnectionString);
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    /// <summary>Stops the server (an outage).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the server again on the same port, empty.</summary>
    public Task RestartAsync() => StartProcessAsync();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StartProcessAsync()
    {
        ProcessStartInfo info = new(Executable!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] persistence = _dataDirectory is null ? ["--appendonly", "no"] : ["--appendonly", "yes", "--appendfsync", "always", "--dir", _dataDirectory];
        string[] arguments = ["--save", "", .. persistence, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--daemonize", "no"];
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        List<string> output = [];
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException("redis-server exited: " + string.Join(Environment.NewLine, output)));
                return;
            }

            lock (output)
            {
                output.Add(e.Data);
            }

            if (e.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private static int FreePort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
}
