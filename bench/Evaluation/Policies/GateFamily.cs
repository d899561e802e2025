namespace Cascade.Evaluation.Policies;

/// <summary>The kind of gate a cascade policy applies at each rung.</summary>
public enum GateFamily
{
    /// <summary>Accept when the answer's logprob confidence reaches a threshold (the built-in logprob gate's rule).</summary>
    Logprob,

    /// <summary>Accept when the plain text checks pass: expected format, no hedging (001's phrases), no refusal.</summary>
    TextChecks,

    /// <summary>Accept when the answer agrees with the previous rung's answer at least as much as a threshold.</summary>
    Agreement,

    /// <summary>Accept when a learned, calibrated probability of being right (confidence, text checks and agreement with the rungs before) reaches a threshold.</summary>
    Learned,

    /// <summary>Up-front routing plus the learned cascade: a learned prompt-only router sends requests whose first rung is unlikely to be right straight to the second rung.</summary>
    Routed,

    /// <summary>The union of the other families' candidates on one front: each operating point may use whichever family's gates do best on train.</summary>
    Combined,
}
