namespace Cascade.Simulator.Billing;

/// <summary>How a provider call ended, as the ledger records it.</summary>
public enum LedgerOutcome
{
    /// <summary>Still running.</summary>
    Pending,

    /// <summary>Refused before acceptance (401, 400, 404, 429, 500, 529): nothing billed.</summary>
    Rejected,

    /// <summary>The connection was dropped before any response: nothing billed.</summary>
    Reset,

    /// <summary>The whole answer reached the client.</summary>
    Completed,

    /// <summary>The answer was cut mid-way by an injected fault: output billed up to the cut.</summary>
    CutOff,

    /// <summary>The client gave up or disconnected: output billed up to what was flushed.</summary>
    ClientDisconnected,

    /// <summary>The simulator itself failed after accepting the call: input billed, output up to what was flushed.</summary>
    Failed,
}
