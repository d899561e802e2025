namespace Cascade.AppHost.Hosting;

/// <summary>
/// An ASP.NET Core service project, launched from its built output as <c>dotnet &lt;dll&gt; --urls http://127.0.0.1:PORT</c>
/// and ready when <c>/health</c> answers 200 (the services' <c>MapDefaultEndpoints()</c>).
/// </summary>
public sealed class ProjectResource : Resource
{
    private string? _outputPath;
    private int? _port;

    /// <summary>Initializes a project resource.</summary>
    /// <param name="name">The resource's name.</param>
    /// <param name="projectPath">The project file; relative paths resolve against the AppHost's project folder.</param>
    /// <param name="isOptional">Whether an absent project is skipped with a notice rather than an error.</param>
    public ProjectResource(string name, string projectPath, bool isOptional = false)
        : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectPath);
        ProjectPath = projectPath;
        IsOptional = isOptional;
    }

    /// <summary>Gets the project file as given.</summary>
    public string ProjectPath { get; }

    /// <summary>Gets a value indicating whether an absent project is skipped rather than an error.</summary>
    public bool IsOptional { get; }

    /// <summary>Gets or sets the path answering 200 when the service is ready.</summary>
    /// <value>The default value is <c>/health</c>.</value>
    public string HealthPath { get; set; } = "/health";

    /// <summary>Gets the built dll once prepared.</summary>
    public string? OutputPath => _outputPath;

    /// <inheritdoc/>
    public override Uri? HttpEndpoint => _port is { } port && SkipReason is null ? new Uri($"http://127.0.0.1:{port}") : null;

    /// <inheritdoc/>
    public override string Kind => "project";

    /// <inheritdoc/>
    public override void Prepare(ResourcePreparationContext context)
    {
        var fullPath = Path.GetFullPath(ProjectPath, context.ProjectDirectory);
        if (IsOptional && !File.Exists(fullPath))
        {
            SkipReason = "project absent";
            Notice = $"{Name}: skipped, its project is absent ({fullPath})";
            return;
        }

        _outputPath = context.Projects.Resolve(Name, fullPath);
        _port = context.Ports.Allocate(Name, context.ConfiguredPort(this));
    }

    /// <inheritdoc/>
    public override ResourceLaunch? CreateLaunch(IReadOnlyDictionary<string, string> environment, AppHostOptions options)
    {
        if (SkipReason is not null)
        {
            return null;
        }

        var endpoint = HttpEndpoint ?? throw new InvalidOperationException($"Resource '{Name}' is not prepared.");
        var url = endpoint.GetLeftPart(UriPartial.Authority);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = url,
            ["ASPNETCORE_ENVIRONMENT"] = options.EnvironmentName,
            ["DOTNET_ENVIRONMENT"] = options.EnvironmentName,

            // One line per log entry keeps the name-prefixed output readable.
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        foreach (var (key, value) in environment)
        {
            variables[key] = value;
        }

        return new ResourceLaunch
        {
            FileName = ExecutableLocator.DotnetHost(),
            Arguments = [_outputPath!, "--urls", url],
            WorkingDirectory = Path.GetDirectoryName(_outputPath!)!,
            Environment = variables,
            HealthUrl = new Uri(endpoint, HealthPath),
        };
    }
}
