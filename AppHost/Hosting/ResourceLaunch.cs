namespace Cascade.AppHost.Hosting;

/// <summary>How to run a resource's process and how to tell it is ready.</summary>
public sealed record ResourceLaunch
{
    /// <summary>Gets the executable.</summary>
    public required string FileName { get; init; }

    /// <summary>Gets the arguments, one entry each (no shell quoting).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Gets the working directory.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Gets the variables set on top of the AppHost's own environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the URL that answers 200 once the process is ready, or <see langword="null"/>.</summary>
    public Uri? HealthUrl { get; init; }

    /// <summary>Gets a line the process prints once it is ready, or <see langword="null"/>.</summary>
    public string? ReadyLine { get; init; }
}
