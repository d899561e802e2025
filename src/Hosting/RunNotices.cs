using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Hosting;

/// <summary>What the AppHost decided while it declared the resources (Redis missing, external Redis, providers), printed in the run summary.</summary>
public sealed class RunNotices
{
    private readonly List<string> _lines = [];

    /// <summary>Gets the notices, in the order they were added.</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Adds a notice.</summary>
    public void Add(string line) => _lines.Add(line);

    /// <summary>Returns the builder's notices, registering them as a service on first use.</summary>
    public static RunNotices For(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.FirstOrDefault(d => d.ServiceType == typeof(RunNotices))?.ImplementationInstance is RunNotices existing)
        {
            return existing;
        }

        var notices = new RunNotices();
        builder.Services.AddSingleton(notices);
        return notices;
    }
}
