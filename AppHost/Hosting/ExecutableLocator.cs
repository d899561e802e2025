namespace Cascade.AppHost.Hosting;

/// <summary>Finds executables on <c>PATH</c>, and the <c>dotnet</c> host that runs the services' built outputs.</summary>
public static class ExecutableLocator
{
    /// <summary>Returns the full path of <paramref name="name"/> (a file name looked up on <paramref name="path"/>, or a path), or <see langword="null"/>.</summary>
    /// <param name="name">A file name or a path.</param>
    /// <param name="path">The search path; <see langword="null"/> reads the <c>PATH</c> environment variable.</param>
    public static string? Find(string name, string? path = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", "" } : [""];
        foreach (var directory in (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(directory, name + extension);
                if (File.Exists(candidate) && IsExecutable(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Returns the <c>dotnet</c> host: <c>DOTNET_HOST_PATH</c>, this process when it is <c>dotnet</c>, the host of the running runtime, or <c>dotnet</c> on <c>PATH</c>.</summary>
    public static string DotnetHost()
    {
        var fileName = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (Environment.ProcessPath is { } processPath && string.Equals(Path.GetFileName(processPath), fileName, StringComparison.OrdinalIgnoreCase))
        {
            return processPath;
        }

        // The runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/; the host is <root>/dotnet.
        var runtimeDirectory = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        var root = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var candidate = Path.Combine(root, fileName);
        if (File.Exists(candidate))
        {
            return candidate;
        }

        return Find("dotnet") ?? throw new DistributedApplicationException("The dotnet host was not found (looked at DOTNET_HOST_PATH, the running runtime's folder and PATH); install the .NET SDK or put dotnet on PATH.");
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
