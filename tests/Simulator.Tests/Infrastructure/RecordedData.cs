using Cascade.Simulator.Configuration;
using Microsoft.Extensions.Configuration;

namespace Cascade.Simulator.Tests.Infrastructure;

/// <summary>Finds the repository, the shared recorded responses beside it, and the simulator's shipped settings.</summary>
public static class RecordedData
{
    /// <summary>Gets the repository root (the folder holding <c>Cascade.sln</c>).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Cascade.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Cascade.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Gets the recorded-responses folder, or skips the test when it is not on this machine.</summary>
    public static string FolderOrSkip()
    {
        string folder = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data", "recorded-llm-responses"));
        if (!Directory.Exists(folder))
        {
            Assert.Skip($"The recorded responses are not on this machine ({folder}).");
        }

        return folder;
    }

    /// <summary>Gets the simulator's options as shipped in <c>src/Simulator/appsettings.json</c>.</summary>
    public static SimulatorOptions ShippedOptions()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot, "src", "Simulator", "appsettings.json")).Build();
        var options = new SimulatorOptions();
        configuration.GetSection(SimulatorOptions.SectionName).Bind(options);
        return options;
    }
}
