namespace Cascade.Hosting.Redis;

/// <summary>
/// Redis as an executable: <c>redis-server</c> from <c>PATH</c>, bound to loopback behind DCP's proxy, with a generated
/// password and its append-only file in a folder the AppHost owns, so keys and spend survive a restart. Services that
/// reference it get <c>ConnectionStrings__&lt;name&gt;</c>.
/// </summary>
/// <param name="name">The resource's name, also the connection-string name.</param>
/// <param name="command">The <c>redis-server</c> executable's full path.</param>
/// <param name="dataDirectory">The folder of the append-only file and the generated configuration.</param>
/// <param name="password">The password parameter.</param>
public sealed class RedisServerResource(string name, string command, string dataDirectory, ParameterResource password)
    : ExecutableResource(name, command, dataDirectory), IResourceWithConnectionString
{
    /// <summary>The name of the endpoint clients connect to.</summary>
    public const string PrimaryEndpointName = "tcp";

    private EndpointReference? _primaryEndpoint;

    /// <summary>Gets the endpoint clients connect to.</summary>
    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    /// <summary>Gets the folder of the append-only file and the generated configuration.</summary>
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>Gets the password parameter.</summary>
    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>Gets the configuration file written before each start (it holds the password, so it is not an argument).</summary>
    public string ConfigurationFile => Path.Combine(DataDirectory, "redis.conf");

    /// <inheritdoc/>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)},password={PasswordParameter}");
}
