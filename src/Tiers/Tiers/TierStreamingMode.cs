namespace Cascade;

/// <summary>How a tier's answer reaches a streaming caller.</summary>
public enum TierStreamingMode
{
    /// <summary>Buffer the whole answer, gate it, then replay it to the caller. The default for tiers that may escalate.</summary>
    BufferAndGate,

    /// <summary>Stream straight to the caller; the answer is kept whatever it says. The default for the last tier.</summary>
    StreamDirect,

    /// <summary>Buffer only a prefix (the first sentence), reject early on it, then stream the rest directly.</summary>
    StreamWithEarlyReject,
}
