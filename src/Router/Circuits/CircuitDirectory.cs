using Microsoft.Extensions.Logging;

namespace Cascade.Router;

/// <summary>
/// The circuits of every deployment of the ladder, read from and reset in the cascade's shared state, so an
/// operator sees and resets the circuit every replica uses.
/// </summary>
public sealed partial class CircuitDirectory
{
    private readonly CascadeModel _model;
    private readonly ICascadeStateStore _state;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<CircuitDirectory> _logger;

    /// <summary>Initializes the directory.</summary>
    public CircuitDirectory(CascadeModel model, ICascadeStateStore state, TimeProvider timeProvider, ILogger<CircuitDirectory> logger)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Gets the circuits of every deployment, tier by tier up the ladder.</summary>
    public async ValueTask<IReadOnlyList<CircuitView>> ListAsync(CancellationToken cancellationToken = default)
    {
        List<CircuitView> circuits = [];
        foreach ((Tier tier, Deployment deployment) in Deployments())
        {
            circuits.Add(await ViewAsync(tier, deployment, cancellationToken));
        }

        return circuits;
    }

    /// <summary>Closes the circuits of the deployments named <paramref name="deployment"/> (in <paramref name="tier"/> only, when given).</summary>
    /// <returns>The circuits after the reset; empty when no deployment has that name.</returns>
    public async ValueTask<IReadOnlyList<CircuitView>> ResetAsync(string deployment, string? tier = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(deployment);
        List<CircuitView> reset = [];
        foreach ((Tier owner, Deployment match) in Deployments().Where(d =>
            string.Equals(d.Deployment.Name, deployment, StringComparison.OrdinalIgnoreCase)
            && (tier is null || string.Equals(d.Tier.Name, tier, StringComparison.OrdinalIgnoreCase))))
        {
            string key = match.CircuitKey(owner.Name);
            CircuitSnapshot? before = await _state.GetCircuitAsync(key, cancellationToken);
            await _state.SetCircuitAsync(key, CircuitSnapshot.Closed(_timeProvider.GetUtcNow()), CancellationToken.None);
            LogCircuitReset(_logger, key, before?.State ?? CircuitState.Closed);
            reset.Add(await ViewAsync(owner, match, cancellationToken));
        }

        return reset;
    }

    private IEnumerable<(Tier Tier, Deployment Deployment)> Deployments() =>
        _model.Tiers.DistinctBy(t => t.Name, StringComparer.OrdinalIgnoreCase).SelectMany(t => t.Deployments.Select(d => (t, d)));

    private async ValueTask<CircuitView> ViewAsync(Tier tier, Deployment deployment, CancellationToken cancellationToken)
    {
        string key = deployment.CircuitKey(tier.Name);
        CircuitSnapshot snapshot = await _state.GetCircuitAsync(key, cancellationToken) ?? CircuitSnapshot.Closed(_timeProvider.GetUtcNow());
        DateTimeOffset? nextProbe = snapshot.State switch
        {
            CircuitState.Open => (snapshot.OpenedAt ?? snapshot.UpdatedAt) + _model.Options.Reliability.Circuit.BreakDuration,
            CircuitState.HalfOpen => snapshot.UpdatedAt,
            _ => null,
        };
        return new CircuitView(
            tier.Name,
            deployment.Name,
            deployment.Provider,
            deployment.Model,
            key,
            snapshot.State,
            snapshot.ConsecutiveFailures,
            snapshot.ProbeSuccesses,
            snapshot.State == CircuitState.Closed ? null : snapshot.OpenedAt,
            nextProbe);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit {CircuitKey} reset to closed through the admin API (it was {State}).")]
    private static partial void LogCircuitReset(ILogger logger, string circuitKey, CircuitState state);
}
