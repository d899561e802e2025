using Microsoft.Extensions.Configuration;

namespace Cascade.AppHost.Hosting;

/// <summary>What resources use before start to settle ports, built outputs and external settings.</summary>
/// <param name="Configuration">The AppHost's configuration.</param>
/// <param name="Options">The AppHost's options.</param>
/// <param name="ProjectDirectory">The folder relative project paths resolve against.</param>
/// <param name="StateDirectory">The folder the AppHost owns, as a full path.</param>
/// <param name="Ports">The port allocator shared by every resource.</param>
/// <param name="Projects">Where each project's built dll is.</param>
public sealed record ResourcePreparationContext(
    IConfiguration Configuration,
    AppHostOptions Options,
    string ProjectDirectory,
    string StateDirectory,
    PortAllocator Ports,
    ProjectOutputManifest Projects)
{
    /// <summary>Returns the port configured for <paramref name="resource"/> under <c>AppHost:Resources:&lt;name&gt;:Port</c>, else the one set in code.</summary>
    public int? ConfiguredPort(Resource resource) =>
        Options.Resources.TryGetValue(resource.Name, out var settings) && settings.Port is { } port ? port : resource.FixedPort;
}
