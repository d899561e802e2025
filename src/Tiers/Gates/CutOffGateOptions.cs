namespace Cascade;

/// <summary>Options of the <see cref="CutOffGate"/>.</summary>
public sealed class CutOffGateOptions
{
    /// <summary>Gets or sets whether an answer stopped by the provider's content filter is rejected too.</summary>
    /// <value>The default value is <see langword="false"/>: a filtered answer is usually filtered by the next tier as well.</value>
    public bool RejectContentFilter { get; set; }

    /// <summary>Reads the options from gate settings (<c>RejectContentFilter</c>).</summary>
    public static CutOffGateOptions FromSettings(GateSettings settings) => new()
    {
        RejectContentFilter = settings.GetBoolean(nameof(RejectContentFilter), false),
    };
}
