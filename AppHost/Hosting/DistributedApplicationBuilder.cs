using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Cascade.AppHost.Hosting;

/// <summary>
/// Declares the application's resources, top to bottom, as an Aspire AppHost does: infrastructure, services, apps,
/// each with its references, environment and what it waits for.
/// </summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    /// <summary>Initializes a builder.</summary>
    /// <param name="configuration">The AppHost's configuration (the <c>AppHost</c> section, connection strings, provider keys, OTLP).</param>
    /// <param name="projectDirectory">The folder relative project paths and the state folder resolve against.</param>
    /// <param name="output">Where the AppHost and its resources write.</param>
    /// <param name="projects">Where each project's built dll is; <see langword="null"/> reads the manifest beside the AppHost's binaries.</param>
    /// <param name="timeProvider">The clock for health timeouts and restart backoff.</param>
    /// <exception cref="DistributedApplicationException">The <c>AppHost</c> settings are invalid; every problem is listed.</exception>
    public DistributedApplicationBuilder(IConfiguration configuration, string projectDirectory, TextWriter output, ProjectOutputManifest? projects = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(projectDirectory);
        ArgumentNullException.ThrowIfNull(output);
        Configuration = configuration;
        ProjectDirectory = Path.GetFullPath(projectDirectory);
        Console = new AppHostConsole(output);
        Projects = projects ?? ProjectOutputManifest.Load(AppContext.BaseDirectory);
        TimeProvider = timeProvider ?? TimeProvider.System;

        Options = new AppHostOptions();
        try
        {
            configuration.GetSection(AppHostOptions.SectionName).Bind(Options);
        }
        catch (InvalidOperationException ex)
        {
            throw new DistributedApplicationException($"The {AppHostOptions.SectionName} configuration cannot be read: {ex.Message}", ex);
        }

        var errors = Options.Validate();
        if (errors.Count > 0)
        {
            throw new DistributedApplicationException($"The {AppHostOptions.SectionName} configuration is invalid:{System.Environment.NewLine}  {string.Join($"{System.Environment.NewLine}  ", errors)}");
        }

        ModelProviders = ModelProviderSelection.Detect(configuration);
    }

    /// <summary>Gets the AppHost's configuration.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Gets the AppHost's validated options.</summary>
    public AppHostOptions Options { get; }

    /// <summary>Gets the folder relative project paths resolve against.</summary>
    public string ProjectDirectory { get; }

    /// <summary>Gets where each project's built dll is.</summary>
    public ProjectOutputManifest Projects { get; }

    /// <summary>Gets the AppHost's output.</summary>
    public AppHostConsole Console { get; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the model providers chosen from configuration.</summary>
    public ModelProviderSelection ModelProviders { get; }

    /// <summary>Gets the resources added so far, in declaration order.</summary>
    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>
    /// Creates a builder for the AppHost's own <c>Program.cs</c>: <c>appsettings.json</c>, environment variables and
    /// <paramref name="args"/>; paths resolve against the AppHost's project folder. Invalid settings end the process
    /// with exit code 2 and a message listing every problem.
    /// </summary>
    public static DistributedApplicationBuilder Create(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();

        var projectDirectory = (Assembly.GetEntryAssembly() ?? typeof(DistributedApplicationBuilder).Assembly)
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Cascade.AppHost.ProjectDirectory")?.Value;
        if (projectDirectory is null || !Directory.Exists(projectDirectory))
        {
            projectDirectory = Directory.GetCurrentDirectory();
        }

        try
        {
            return new DistributedApplicationBuilder(configuration, projectDirectory, System.Console.Out);
        }
        catch (DistributedApplicationException ex)
        {
            // Program.cs reads like an Aspire AppHost, without a try around its first line: a configuration mistake
            // ends the AppHost here with the message that says what to fix.
            System.Console.Error.WriteLine($"apphost: {ex.Message}");
            System.Environment.Exit(2);
            throw;
        }
    }

    /// <summary>Adds Redis: <c>redis-server</c> from <c>PATH</c>, or the external <c>ConnectionStrings:&lt;name&gt;</c>; skipped with the install command when neither is there.</summary>
    public ResourceBuilder<RedisResource> AddRedis(string name) => Add(new RedisResource(name));

    /// <summary>Adds a service project, launched from its built output. A missing project is an error naming its path.</summary>
    /// <param name="name">The resource's name.</param>
    /// <param name="projectPath">The project file; relative paths resolve against <see cref="ProjectDirectory"/>.</param>
    public ResourceBuilder<ProjectResource> AddProject(string name, string projectPath) => Add(new ProjectResource(name, projectPath));

    /// <summary>Adds a service project that is skipped with a notice when its project file is absent.</summary>
    /// <param name="name">The resource's name.</param>
    /// <param name="projectPath">The project file; relative paths resolve against <see cref="ProjectDirectory"/>.</param>
    public ResourceBuilder<ProjectResource> AddOptionalProject(string name, string projectPath) => Add(new ProjectResource(name, projectPath, isOptional: true));

    /// <summary>Adds the model providers: real ones when keys are configured, otherwise <paramref name="simulator"/>.</summary>
    public ResourceBuilder<ModelProvidersResource> AddModelProviders<TSimulator>(string name, ResourceBuilder<TSimulator> simulator)
        where TSimulator : Resource
    {
        ArgumentNullException.ThrowIfNull(simulator);
        return Add(new ModelProvidersResource(name, simulator.Resource, ModelProviders));
    }

    /// <summary>Adds a resource of any kind.</summary>
    /// <exception cref="ArgumentException">A resource with the same name exists.</exception>
    public ResourceBuilder<TResource> Add<TResource>(TResource resource)
        where TResource : Resource
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_resources.Any(r => r.Name == resource.Name))
        {
            throw new ArgumentException($"A resource named '{resource.Name}' already exists; resource names must be unique.", nameof(resource));
        }

        _resources.Add(resource);
        return new ResourceBuilder<TResource>(resource);
    }

    /// <summary>Checks the resource graph and builds the application.</summary>
    /// <exception cref="DistributedApplicationException">A reference or wait names a resource not in this application, or waits form a cycle.</exception>
    public DistributedApplication Build()
    {
        foreach (var resource in _resources)
        {
            foreach (var other in resource.References.Concat(resource.WaitsFor))
            {
                if (!_resources.Contains(other))
                {
                    throw new DistributedApplicationException($"Resource '{resource.Name}' references or waits for '{other.Name}', which is not part of this application; add it to the builder.");
                }
            }
        }

        return new DistributedApplication(this, StartupOrder.Of(_resources));
    }
}
