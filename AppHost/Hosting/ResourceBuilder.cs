namespace Cascade.AppHost.Hosting;

/// <summary>Configures a resource fluently, as Aspire's <c>IResourceBuilder&lt;T&gt;</c> does.</summary>
/// <typeparam name="TResource">The resource's type.</typeparam>
public sealed class ResourceBuilder<TResource>
    where TResource : Resource
{
    /// <summary>Initializes a builder of <paramref name="resource"/>.</summary>
    public ResourceBuilder(TResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        Resource = resource;
    }

    /// <summary>Gets the resource.</summary>
    public TResource Resource { get; }

    /// <summary>Gives this resource <paramref name="source"/>'s address or connection string (or, for the model providers, their settings).</summary>
    public ResourceBuilder<TResource> WithReference<TSource>(ResourceBuilder<TSource> source)
        where TSource : Resource
    {
        ArgumentNullException.ThrowIfNull(source);
        if (ReferenceEquals(source.Resource, Resource))
        {
            throw new ArgumentException($"Resource '{Resource.Name}' cannot reference itself.", nameof(source));
        }

        if (!Resource.References.Contains(source.Resource))
        {
            Resource.References.Add(source.Resource);
        }

        return this;
    }

    /// <summary>Starts this resource only once <paramref name="dependency"/> is ready (healthy, or skipped).</summary>
    public ResourceBuilder<TResource> WaitFor<TSource>(ResourceBuilder<TSource> dependency)
        where TSource : Resource
    {
        ArgumentNullException.ThrowIfNull(dependency);
        if (ReferenceEquals(dependency.Resource, Resource))
        {
            throw new ArgumentException($"Resource '{Resource.Name}' cannot wait for itself.", nameof(dependency));
        }

        if (!Resource.WaitsFor.Contains(dependency.Resource))
        {
            Resource.WaitsFor.Add(dependency.Resource);
        }

        return this;
    }

    /// <summary>Sets a variable for this resource's process.</summary>
    public ResourceBuilder<TResource> WithEnvironment(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        Resource.Environment[name] = value;
        return this;
    }

    /// <summary>Listens on <paramref name="port"/> rather than a free one; configuration (<c>AppHost:Resources:&lt;name&gt;:Port</c>) still wins.</summary>
    public ResourceBuilder<TResource> WithHttpEndpoint(int port)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Resource.FixedPort = port;
        return this;
    }

    /// <summary>Waits for <paramref name="path"/> to answer 200 before this project counts as ready.</summary>
    /// <exception cref="InvalidOperationException">The resource is not a project.</exception>
    public ResourceBuilder<TResource> WithHttpHealthCheck(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Resource is not ProjectResource project)
        {
            throw new InvalidOperationException($"Resource '{Resource.Name}' is not a project; only projects have an HTTP health check.");
        }

        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"The health check path must start with '/' (was '{path}').", nameof(path));
        }

        project.HealthPath = path;
        return this;
    }

    /// <summary>Prints this resource's URL at start: it is meant to be opened or called from outside.</summary>
    public ResourceBuilder<TResource> WithExternalHttpEndpoints()
    {
        Resource.ShowsUrl = true;
        return this;
    }

    /// <summary>Restarts this resource's crashed process by <paramref name="policy"/> instead of the AppHost's policy.</summary>
    public ResourceBuilder<TResource> WithRestartPolicy(RestartPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = policy.Validate($"{Resource.Name} restart policy").ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(policy));
        }

        Resource.RestartPolicy = policy;
        return this;
    }
}
