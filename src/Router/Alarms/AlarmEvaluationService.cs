using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cascade.Router;

/// <summary>Evaluates the alarms every <see cref="AlarmOptions.EvaluationInterval"/> on the <see cref="TimeProvider"/>'s clock.</summary>
internal sealed partial class AlarmEvaluationService(AlarmMonitor monitor, IOptions<RouterOptions> options, TimeProvider timeProvider, ILogger<AlarmEvaluationService> logger)
    : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        AlarmOptions alarms = options.Value.Alarms;
        if (!alarms.Enabled)
        {
            return;
        }

        using PeriodicTimer timer = new(alarms.EvaluationInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await monitor.EvaluateAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogEvaluationFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alarm evaluation failed; the alarms keep their last state until the next evaluation.")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception);
}
