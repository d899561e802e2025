namespace Cascade.Simulator.Configuration;

/// <summary>Which answer and error logic the simulator runs.</summary>
public enum SimulatorBehavior
{
    /// <summary>
    /// The original logic: replay, else the support domain with capability-against-difficulty hedging, else generic
    /// filler; judges mark down doubt phrases. Kept so tests that pin its answers stay deterministic.
    /// </summary>
    Legacy,

    /// <summary>
    /// Answers that address the question (support answers built from the intents found, tool results and the store's
    /// policies; replay for recorded questions; otherwise "I don't know") with errors drawn from each model's measured
    /// <see cref="ErrorProfileOptions"/>; judges check the reviewed answer against the store's policies.
    /// </summary>
    Realistic,
}
