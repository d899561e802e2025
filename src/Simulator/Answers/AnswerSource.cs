namespace Cascade.Simulator.Answers;

/// <summary>Where an answer came from.</summary>
public enum AnswerSource
{
    /// <summary>A recorded answer of a real model.</summary>
    Replay,

    /// <summary>The store-support domain.</summary>
    Support,

    /// <summary>A generic answer shaped by capability against difficulty.</summary>
    Generic,
}
