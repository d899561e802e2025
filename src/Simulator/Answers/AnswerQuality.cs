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

    /// <summary>A refusal.</summary>
    Refusal,

    /// <summary>Stopped at the model's output limit before the end (finish reason length).</summary>
    CutOff,

    /// <summary>"I don't know": the question is neither recorded nor about the store.</summary>
    Unknown,
}
