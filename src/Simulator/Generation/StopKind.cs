namespace Cascade.Simulator.Generation;

/// <summary>Why a simulated answer ends, mapped to each API's own stop or finish reason.</summary>
public enum StopKind
{
    /// <summary>The model finished.</summary>
    EndTurn,

    /// <summary>The output limit was reached.</summary>
    MaxTokens,

    /// <summary>A stop sequence matched.</summary>
    StopSequence,

    /// <summary>The model called a tool.</summary>
    ToolUse,

    /// <summary>The model declined.</summary>
    Refusal,
}
