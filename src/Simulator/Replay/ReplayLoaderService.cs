using Cascade.Simulator.Configuration;
using Microsoft.Extensions.Options;

namespace Cascade.Simulator.Replay;

/// <summary>Loads recorded responses before the server starts listening, so answers never change mid-run.</summary>
internal sealed partial class ReplayLoaderService(ReplayStore store, IOptions<SimulatorOptions> options, IHostEnvironment environment, ILogger<ReplayLoaderService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ReplayOptions replay = options.Value.Replay;
        if (!replay.Enabled)
        {
            LogDisabled(logger);
            return Task.CompletedTask;
        }

        string folder = ResolveFolder(replay.Path, environment.ContentRootPath);
        ReplayIndex index = ReplayLoader.Load(folder, logger);
        store.Set(index);
        if (index.Count > 0)
        {
            LogReady(logger, index.Count, folder);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Resolves a configured folder: absolute as is; otherwise relative to the repository root (the nearest folder
    /// above the content root or the binaries that holds <c>Cascade.sln</c>), else to the content root.
    /// </summary>
    internal static string ResolveFolder(string path, string contentRoot)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        foreach (string start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Cascade.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, path));
                }
            }
        }

        return Path.GetFullPath(Path.Combine(contentRoot, path));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay is turned off by configuration (Simulator:Replay:Enabled).")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay ready: {Count} recorded questions from {Folder}.")]
    private static partial void LogReady(ILogger logger, int count, string folder);
}
