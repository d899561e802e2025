using System.Text.RegularExpressions;

namespace Cascade.AppHost.Hosting;

/// <summary>
/// A named part of the system the AppHost runs or wires (Redis, a service project, the model providers), with
/// the resources it references, the ones it waits for, and its own environment.
/// </summary>
public abstract partial class Resource
{
    private volatile ResourceState _state;

    /// <summary>Initializes a resource named <paramref name="name"/> (kebab-case, as in Aspire).</summary>
    /// <exception cref="ArgumentException">The name is not kebab-case.</exception>
    protected Resource(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!KebabCase().IsMatch(name))
        {
            throw new ArgumentException($"Resource name '{name}' must be kebab-case: lower-case letters and digits, words joined by '-' (for example 'support-chat').", nameof(name));
        }

        Name = name;
    }

    /// <summary>Gets the resource's name, unique in the application; services find it under this name.</summary>
    public string Name { get; }

    /// <summary>Gets the resources whose address or connection string this one receives.</summary>
    public IList<Resource> References { get; } = [];

    /// <summary>Gets the resources that must be ready before this one starts.</summary>
    public IList<Resource> WaitsFor { get; } = [];

    /// <summary>Gets variables set for this resource's process on top of the injected ones.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the restart policy; <see langword="null"/> uses the AppHost's.</summary>
    public RestartPolicy? RestartPolicy { get; set; }

    /// <summary>Gets or sets a port set in code; configuration (<c>AppHost:Resources:&lt;name&gt;:Port</c>) takes precedence.</summary>
    public int? FixedPort { get; set; }

    /// <summary>Gets or sets a value indicating whether the AppHost prints this resource's URL at start.</summary>
    public bool ShowsUrl { get; set; }

    /// <summary>Gets why the resource is not started, or <see langword="null"/> when it is.</summary>
    public string? SkipReason { get; protected set; }

    /// <summary>Gets a line the AppHost prints at start about this resource (how it runs, or what is missing), or <see langword="null"/>.</summary>
    public string? Notice { get; protected set; }

    /// <summary>Gets where the resource is.</summary>
    public ResourceState State
    {
        get => _state;
        internal set
        {
            _state = value;
            StateChanged?.Invoke(this);
        }
    }

    /// <summary>Gets how many times the resource's process was restarted after a crash.</summary>
    public int Restarts { get; internal set; }

    /// <summary>Gets the id of the resource's current process, or <see langword="null"/>.</summary>
    public int? ProcessId { get; internal set; }

    /// <summary>Gets the resource's HTTP endpoint once prepared, or <see langword="null"/> when it has none.</summary>
    public virtual Uri? HttpEndpoint => null;

    /// <summary>Gets the resource's connection string once prepared, or <see langword="null"/> when it has none.</summary>
    public virtual string? ConnectionString => null;

    /// <summary>Gets a short description of how the resource runs, for the start-up summary.</summary>
    public virtual string Kind => GetType().Name;

    /// <summary>Settles what the resource needs before start: ports, built outputs, external settings.</summary>
    /// <exception cref="DistributedApplicationException">Something the resource needs is missing; the message says what.</exception>
    public abstract void Prepare(ResourcePreparationContext context);

    /// <summary>Adds what a resource referencing this one receives: <c>services__&lt;name&gt;__http__0</c> for an HTTP endpoint, <c>ConnectionStrings__&lt;name&gt;</c> for a connection string.</summary>
    public virtual void AddReferenceEnvironment(IDictionary<string, string> environment)
    {
        if (SkipReason is not null)
        {
            return;
        }

        if (HttpEndpoint is { } endpoint)
        {
            environment[$"services__{Name}__{endpoint.Scheme}__0"] = endpoint.GetLeftPart(UriPartial.Authority);
        }

        if (ConnectionString is { } connectionString)
        {
            environment[$"ConnectionStrings__{Name}"] = connectionString;
        }
    }

    /// <summary>Returns how to run the resource's process with <paramref name="environment"/>, or <see langword="null"/> when it has no process.</summary>
    public abstract ResourceLaunch? CreateLaunch(IReadOnlyDictionary<string, string> environment, AppHostOptions options);

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Raised after <see cref="State"/> is set.</summary>
    internal event Action<Resource>? StateChanged;

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
