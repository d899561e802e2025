namespace Cascade.AppHost.Hosting;

/// <summary>
/// Redis: an external server when <c>ConnectionStrings:&lt;name&gt;</c> is configured, else <c>redis-server</c> from
/// <c>PATH</c> on a free loopback port with no persistence and its folder under the AppHost's state folder. Without
/// <c>redis-server</c> it is skipped with the install command, and referencing services get no connection string
/// (they run on in-memory state).
/// </summary>
public sealed class RedisResource : Resource
{
    /// <summary>The line <c>redis-server</c> prints once it accepts connections.</summary>
    public const string ReadyLine = "Ready to accept connections";

    /// <summary>The command that installs <c>redis-server</c>, quoted in the notice when it is missing.</summary>
    public const string InstallCommand = "sudo apt-get install redis-server";

    private string? _externalConnectionString;
    private string? _serverPath;
    private string? _dataDirectory;
    private int? _port;

    /// <summary>Initializes a Redis resource.</summary>
    public RedisResource(string name)
        : base(name)
    {
    }

    /// <summary>Gets the port <c>redis-server</c> listens on once prepared, or <see langword="null"/>.</summary>
    public int? Port => _port;

    /// <summary>Gets the folder <c>redis-server</c> runs in once prepared, or <see langword="null"/>.</summary>
    public string? DataDirectory => _dataDirectory;

    /// <summary>Gets a value indicating whether the connection string comes from configuration rather than a server the AppHost runs.</summary>
    public bool IsExternal => _externalConnectionString is not null;

    /// <inheritdoc/>
    public override string? ConnectionString =>
        _externalConnectionString ?? (_port is { } port ? $"127.0.0.1:{port},abortConnect=false" : null);

    /// <inheritdoc/>
    public override string Kind => IsExternal ? "external" : "redis-server";

    /// <inheritdoc/>
    public override void Prepare(ResourcePreparationContext context)
    {
        if (context.Configuration[$"ConnectionStrings:{Name}"] is { Length: > 0 } external)
        {
            _externalConnectionString = external;
            Notice = $"{Name}: external, from configuration ConnectionStrings:{Name}";
            return;
        }

        _serverPath = ExecutableLocator.Find(context.Options.RedisServer);
        if (_serverPath is null)
        {
            SkipReason = "redis-server not installed";
            Notice = $"{Name}: {context.Options.RedisServer} was not found on PATH, so the services run on in-memory state " +
                $"(nothing shared between replicas or restarts). Install it with: {InstallCommand}";
            return;
        }

        _port = context.Ports.Allocate(Name, context.ConfiguredPort(this));
        _dataDirectory = Path.Combine(context.StateDirectory, Name);
        Directory.CreateDirectory(_dataDirectory);
        Notice = $"{Name}: {_serverPath} on 127.0.0.1:{_port}, no persistence, folder {_dataDirectory}";
    }

    /// <inheritdoc/>
    public override ResourceLaunch? CreateLaunch(IReadOnlyDictionary<string, string> environment, AppHostOptions options)
    {
        if (SkipReason is not null || IsExternal)
        {
            return null;
        }

        var port = _port ?? throw new InvalidOperationException($"Resource '{Name}' is not prepared.");
        return new ResourceLaunch
        {
            FileName = _serverPath!,

            // --port 0 does not pick a port (redis exits); the port is chosen above. "" is --save's own argument.
            Arguments = ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", _dataDirectory!],
            WorkingDirectory = _dataDirectory!,
            Environment = environment,
            ReadyLine = ReadyLine,
        };
    }
}
