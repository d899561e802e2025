using Cascade.Simulator.Configuration;

namespace Cascade.Simulator.Models;

/// <summary>A model the simulator serves, resolved from configuration.</summary>
public sealed class SimulatedModel
{
    internal SimulatedModel(string id, SimulatedModelOptions options, double latencyScale)
    {
        Id = id;
        DisplayName = options.DisplayName ?? id;
        OwnedBy = options.OwnedBy;
        Capability = options.Capability;
        ContextWindow = options.ContextWindow;
        MaxOutputTokens = options.MaxOutputTokens;
        TimeToFirstToken = TimeSpan.FromMilliseconds(options.TimeToFirstTokenMs * latencyScale);
        SecondsPerToken = latencyScale / options.TokensPerSecond;
        ReplayAs = [.. options.ReplayAs];
        Errors = options.Errors;
    }

    /// <summary>Gets the model id.</summary>
    public string Id { get; }

    /// <summary>Gets the display name.</summary>
    public string DisplayName { get; }

    /// <summary>Gets the owner shown in model lists.</summary>
    public string OwnedBy { get; }

    /// <summary>Gets the capability, 0 to 1.</summary>
    public double Capability { get; }

    /// <summary>Gets the context window in tokens.</summary>
    public long ContextWindow { get; }

    /// <summary>Gets the largest accepted output limit.</summary>
    public long MaxOutputTokens { get; }

    /// <summary>Gets the time to first token, already scaled.</summary>
    public TimeSpan TimeToFirstToken { get; }

    /// <summary>Gets the generation time per output token in seconds, already scaled.</summary>
    public double SecondsPerToken { get; }

    /// <summary>Gets the dataset models replayed, in order of preference.</summary>
    public IReadOnlyList<string> ReplayAs { get; }

    /// <summary>Gets how the model errs in realistic mode.</summary>
    public ErrorProfileOptions Errors { get; }

    /// <summary>Gets the generation time of <paramref name="tokens"/> output tokens.</summary>
    public TimeSpan GenerationTime(long tokens) => TimeSpan.FromSeconds(tokens * SecondsPerToken);
}
