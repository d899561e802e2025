using Cascade.AppHost.Hosting;
using Microsoft.Extensions.Configuration;

namespace Cascade.AppHost.Tests.Hosting;

/// <summary>A resource model prepared without starting anything: project files and dlls in a temporary folder, real port allocation.</summary>
internal sealed class PreparedModel : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cascade-apphost-model-").FullName;

    public string Folder => _folder;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public (DistributedApplicationBuilder Builder, Dictionary<string, string> Manifest) Builder(Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["AppHost:StateDirectory"] = Path.Combine(_folder, "state") };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        return (new DistributedApplicationBuilder(Configuration(values), _folder, new CapturedOutput(), new ProjectOutputManifest([], "none")), []);
    }

    // A project file and a built dll in the temporary folder, recorded in the manifest used by Prepare.
    public string Project(string name, Dictionary<string, string> manifest)
    {
        var project = Path.Combine(_folder, name, $"{name}.csproj");
        var dll = Path.Combine(_folder, name, "bin", $"{name}.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(dll)!);
        File.WriteAllText(project, "<Project />");
        File.WriteAllText(dll, "");
        manifest[project] = dll;
        return project;
    }

    public IReadOnlyDictionary<string, string> Prepare(DistributedApplicationBuilder builder, Dictionary<string, string> manifest, Resource target)
    {
        var context = new ResourcePreparationContext(
            builder.Configuration,
            builder.Options,
            builder.ProjectDirectory,
            Path.GetFullPath(builder.Options.StateDirectory, builder.ProjectDirectory),
            new PortAllocator(),
            new ProjectOutputManifest(manifest, "test"));
        foreach (var resource in StartupOrder.Of(builder.Resources))
        {
            resource.Prepare(context);
        }

        return new ResourceEnvironment().For(target);
    }

    public string FakeExecutable(string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    public static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
