namespace Cascade;

/// <summary>Options of the <see cref="SelfDoubtGate"/>.</summary>
public sealed class SelfDoubtGateOptions
{
    /// <summary>The default marker: <c>UNSURE:</c>.</summary>
    public const string DefaultMarker = "UNSURE:";

    /// <summary>The default instruction, as in the source article's recipe.</summary>
    public const string DefaultInstruction = "If you are not confident in your answer, start with 'UNSURE:' and explain why.";

    /// <summary>Gets or sets the marker a doubting answer starts with.</summary>
    /// <value>The default value is <see cref="DefaultMarker"/>.</value>
    public string Marker
    {
        get;
        set => field = !string.IsNullOrWhiteSpace(value) ? value.Trim() : throw new ArgumentOutOfRangeException(nameof(Marker), value, "The marker cannot be blank.");
    } = DefaultMarker;

    /// <summary>Gets or sets the instruction appended to the request's instructions (system prompt).</summary>
    /// <value>The default value is <see cref="DefaultInstruction"/>.</value>
    public string Instruction
    {
        get;
        set => field = !string.IsNullOrWhiteSpace(value) ? value.Trim() : throw new ArgumentOutOfRangeException(nameof(Instruction), value, "The instruction cannot be blank.");
    } = DefaultInstruction;

    /// <summary>Gets or sets whether the marker is matched ignoring case (<c>Unsure:</c>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool IgnoreCase { get; set; } = true;

    /// <summary>Reads the options from gate settings (<c>Marker</c>, <c>Instruction</c>, <c>IgnoreCase</c>).</summary>
    public static SelfDoubtGateOptions FromSettings(GateSettings settings) => new()
    {
        Marker = settings.GetString(nameof(Marker), DefaultMarker)!,
        Instruction = settings.GetString(nameof(Instruction), DefaultInstruction)!,
        IgnoreCase = settings.GetBoolean(nameof(IgnoreCase), true),
    };
}
