namespace Cascade.Simulator.Answers;

/// <summary>How good a simulated answer is meant to be (not visible on the wire; recorded for tests and logs).</summary>
public enum AnswerQuality
{
    /// <summary>Right and confident.</summary>
    Confident,

    /// <summary>Hedged: doubt phrases, or <c>UNSURE:</c> when the system prompt asks for it.</summary>
    Hedged,

    /// <summary>Wrong, but stated with confidence.</summary>
    ConfidentlyWrong,
}
