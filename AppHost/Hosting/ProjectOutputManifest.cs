namespace Cascade.AppHost.Hosting;

/// <summary>
/// Where each resource project's built dll is, as written at build time by <c>Cascade.AppHost.Projects.targets</c>
/// into <c>apphost-projects.tsv</c> beside the AppHost (or test) binaries.
/// </summary>
public sealed class ProjectOutputManifest
{
    /// <summary>The manifest's file name.</summary>
    public const string FileName = "apphost-projects.tsv";

    private static readonly StringComparer PathComparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
    private readonly Dictionary<string, string> _outputs;

    /// <summary>Initializes a manifest from project path to built dll path pairs.</summary>
    public ProjectOutputManifest(IEnumerable<KeyValuePair<string, string>> outputs, string source)
    {
        _outputs = new Dictionary<string, string>(PathComparer);
        foreach (var (project, output) in outputs)
        {
            _outputs[Path.GetFullPath(project)] = Path.GetFullPath(output);
        }

        Source = source;
    }

    /// <summary>Gets where the manifest was read from.</summary>
    public string Source { get; }

    /// <summary>Gets the projects the manifest knows, by full path.</summary>
    public IReadOnlyCollection<string> Projects => _outputs.Keys;

    /// <summary>Reads the manifest in <paramref name="directory"/>; a missing file is an empty manifest.</summary>
    public static ProjectOutputManifest Load(string directory)
    {
        var file = Path.Combine(directory, FileName);
        if (!File.Exists(file))
        {
            return new ProjectOutputManifest([], file);
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var line in File.ReadAllLines(file))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0)
            {
                pairs.Add(new(parts[0], parts[1]));
            }
        }

        return new ProjectOutputManifest(pairs, file);
    }

    /// <summary>Returns the built dll of <paramref name="projectPath"/>.</summary>
    /// <param name="resourceName">The resource, named in errors.</param>
    /// <param name="projectPath">The project file's full path.</param>
    /// <exception cref="DistributedApplicationException">The project is missing, not referenced by the AppHost, or not built.</exception>
    public string Resolve(string resourceName, string projectPath)
    {
        var fullPath = Path.GetFullPath(projectPath);
        if (!File.Exists(fullPath))
        {
            throw new DistributedApplicationException($"The project of resource '{resourceName}' was not found at {fullPath}. Restore that project, or add the resource with AddOptionalProject if it may be absent.");
        }

        if (!_outputs.TryGetValue(fullPath, out var output))
        {
            throw new DistributedApplicationException(
                $"The project of resource '{resourceName}' ({fullPath}) is not among the AppHost's built projects ({Source}). " +
                "Add it to the AppHost project as <ProjectReference Include=\"...\" ReferenceOutputAssembly=\"false\" /> and build the AppHost again.");
        }

        if (!File.Exists(output))
        {
            throw new DistributedApplicationException($"The project of resource '{resourceName}' is not built: {output} is missing. Build the AppHost (dotnet build AppHost) and start it again.");
        }

        return output;
    }
}
