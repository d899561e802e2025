namespace Cascade.AppHost.Hosting;

/// <summary>The AppHost's settings, bound from the <c>AppHost</c> configuration section.</summary>
public sealed class AppHostOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "AppHost";

    /// <summary>Gets or sets how long a resource may take to become healthy after its process started.</summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets how long a stopping process gets after SIGTERM before its process tree is killed.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the folder the AppHost owns for Redis data and its record of child processes; relative paths resolve against the AppHost's project folder.</summary>
    /// <value>The default value is <c>.apphost</c>.</value>
    public string StateDirectory { get; set; } = ".apphost";

    /// <summary>Gets or sets the environment name given to every service (<c>ASPNETCORE_ENVIRONMENT</c>, <c>DOTNET_ENVIRONMENT</c>).</summary>
    /// <value>The default value is <c>Development</c>.</value>
    public string EnvironmentName { get; set; } = "Development";

    /// <summary>Gets or sets the <c>redis-server</c> to run: a file name looked up on <c>PATH</c>, or a path.</summary>
    /// <value>The default value is <c>redis-server</c>.</value>
    public string RedisServer { get; set; } = "redis-server";

    /// <summary>Gets or sets how many of a resource's last log lines a crash report shows.</summary>
    /// <value>The default value is 20.</value>
    public int CrashLogLines { get; set; } = 20;

    /// <summary>Gets the restart policy of resources that set none of their own.</summary>
    public RestartPolicy RestartPolicy { get; set; } = new();

    /// <summary>Gets per-resource settings by resource name (for example <c>AppHost:Resources:router:Port</c>).</summary>
    public Dictionary<string, ResourceSettings> Resources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Returns every problem with these settings at once, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (HealthTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:HealthTimeout must be positive (was {HealthTimeout}).");
        }

        if (ShutdownTimeout < TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:ShutdownTimeout must not be negative (was {ShutdownTimeout}).");
        }

        if (string.IsNullOrWhiteSpace(StateDirectory))
        {
            errors.Add($"{SectionName}:StateDirectory must name a folder.");
        }

        if (string.IsNullOrWhiteSpace(EnvironmentName))
        {
            errors.Add($"{SectionName}:EnvironmentName must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(RedisServer))
        {
            errors.Add($"{SectionName}:RedisServer must name an executable.");
        }

        if (CrashLogLines < 1)
        {
            errors.Add($"{SectionName}:CrashLogLines must be at least 1 (was {CrashLogLines}).");
        }

        errors.AddRange(RestartPolicy.Validate($"{SectionName}:RestartPolicy"));
        foreach (var (name, settings) in Resources)
        {
            if (settings.Port is < 1 or > 65535)
            {
                errors.Add($"{SectionName}:Resources:{name}:Port must be between 1 and 65535 (was {settings.Port}).");
            }
        }

        return errors;
    }
}
