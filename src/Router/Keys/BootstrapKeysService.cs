using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cascade.Router;

/// <summary>Ensures the configured <see cref="RouterOptions.BootstrapKeys"/> exist when the router starts.</summary>
internal sealed partial class BootstrapKeysService(ApiKeyManager keys, IOptions<RouterOptions> options, ILogger<BootstrapKeysService> logger) : IHostedService
{
    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (BootstrapKeyOptions key in options.Value.BootstrapKeys)
        {
            try
            {
                if (await keys.EnsureAsync(key.Name, key.Secret, key.Policy, cancellationToken))
                {
                    LogAdded(logger, key.Name, ApiKeySecret.PrefixOf(key.Secret));
                }
            }
            catch (SharedStateUnavailableException ex)
            {
                // Redis is away at start: the key cannot be checked or stored now; the router still starts.
                LogUnavailable(logger, key.Name, ex);
            }
        }
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Information, "Bootstrap API key '{Name}' ({Prefix}...) added.")]
    private static partial void LogAdded(ILogger logger, string name, string prefix);

    [LoggerMessage(2, LogLevel.Warning, "Bootstrap API key '{Name}' could not be ensured: the shared state is unavailable.")]
    private static partial void LogUnavailable(ILogger logger, string name, Exception exception);
}
