namespace Cascade.Simulator.Answers.Realistic;

/// <summary>What the error model draws for one answer.</summary>
internal enum ErrorOutcome
{
    /// <summary>A right, confident answer.</summary>
    Right,

    /// <summary>A wrong answer stated with confidence (on a complaint: some points missed).</summary>
    Wrong,

    /// <summary>A right answer wrapped in doubt phrases.</summary>
    Hedged,

    /// <summary>A refusal.</summary>
    Refusal,

    /// <summary>An answer stopped at the model's output limit.</summary>
    CutOff,
}
