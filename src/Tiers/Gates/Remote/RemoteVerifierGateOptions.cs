namespace Cascade;

/// <summary>Options of the <see cref="RemoteVerifierGate"/>.</summary>
public sealed class RemoteVerifierGateOptions
{
    /// <summary>Gets or sets how long the verifier may take before it counts as down.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan Timeout
    {
        get;
        set => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(Timeout), value, "The verifier timeout must be positive.");
    } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the verdict when the verifier is down, times out or answers nonsense.</summary>
    /// <value>The default value is <see cref="GateFailureBehavior.Reject"/>, so the cascade escalates.</value>
    public GateFailureBehavior WhenUnavailable { get; set; } = GateFailureBehavior.Reject;

    /// <summary>Gets or sets the checks the verifier runs; <see langword="null"/> runs its configured checks.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyList<string>? Checks { get; set; }

    /// <summary>Reads the options from gate settings: <c>Timeout</c>, <c>WhenUnavailable</c>, <c>Checks</c> (<c>hedging|judge</c>).</summary>
    public static RemoteVerifierGateOptions FromSettings(GateSettings settings) => new()
    {
        Timeout = settings.GetTimeSpan(nameof(Timeout), TimeSpan.FromSeconds(5)),
        WhenUnavailable = settings.GetEnum(nameof(WhenUnavailable), GateFailureBehavior.Reject),
        Checks = settings.GetList(nameof(Checks)),
    };
}
