using Cascade.AppHost.Hosting;
using Microsoft.Extensions.Configuration;

namespace Cascade.AppHost.Tests;

/// <summary>Builds AppHosts for tests: in-memory configuration, a temporary state folder, captured output.</summary>
internal static class TestHost
{
    /// <summary>The repository root (the folder holding Cascade.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The test service's project file.</summary>
    public static string TestServiceProject { get; } = Path.Combine(RepositoryRoot, "tests", "TestServices", "Cascade.TestService", "Cascade.TestService.csproj");

    /// <summary>Creates a builder whose relative paths resolve against the repository root.</summary>
    public static DistributedApplicationBuilder CreateBuilder(CapturedOutput output, IDictionary<string, string?>? settings = null, TimeProvider? timeProvider = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["AppHost:StateDirectory"] = Directory.CreateTempSubdirectory("cascade-apphost-").FullName,
            ["AppHost:HealthTimeout"] = "00:01:00",
            ["AppHost:ShutdownTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new DistributedApplicationBuilder(configuration, RepositoryRoot, output, ProjectOutputManifest.Load(AppContext.BaseDirectory), timeProvider);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cascade.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Cascade.sln was not found above {AppContext.BaseDirectory}.");
    }
}
