namespace Cascade;

/// <summary>What the next tier is sent when a request escalates or falls back.</summary>
public enum HandoffMode
{
    /// <summary>The whole conversation.</summary>
    Full,

    /// <summary>The system prompt and the last <see cref="HandoffOptions.Turns"/> messages.</summary>
    LastTurns,

    /// <summary>The system prompt, a short extractive summary of the earlier conversation, and the last <see cref="HandoffOptions.Turns"/> messages.</summary>
    Summary,
}

/// <summary>How the handoff to the next tier is trimmed.</summary>
public sealed class HandoffOptions
{
    /// <summary>Gets or sets the trimming mode.</summary>
    /// <value>The default value is <see cref="HandoffMode.Full"/>.</value>
    public HandoffMode Mode { get; set; } = HandoffMode.Full;

    /// <summary>Gets or sets how many recent non-system messages are kept (extended so a tool call keeps its result).</summary>
    /// <value>The default value is 4.</value>
    public int Turns
    {
        get;
        set => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least the last message must be kept.");
    } = 4;

    /// <summary>Gets or sets the summary's length limit in characters.</summary>
    /// <value>The default value is 600.</value>
    public int SummaryMaxCharacters
    {
        get;
        set => field = value >= 40 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A summary needs at least 40 characters.");
    } = 600;
}
