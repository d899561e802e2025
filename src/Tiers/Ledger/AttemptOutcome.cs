namespace Cascade;

/// <summary>How an attempt ended.</summary>
public enum AttemptOutcome
{
    /// <summary>The answer passed its gates and was kept.</summary>
    Accepted,

    /// <summary>The answer was rejected by a gate; the request escalated.</summary>
    Rejected,

    /// <summary>The answer was kept without passing a gate (the last tier, a committed stream, a budget stop).</summary>
    Kept,

    /// <summary>The provider call failed; see the failure cause.</summary>
    Failed,

    /// <summary>The call was abandoned because the caller cancelled or went away.</summary>
    Cancelled,

    /// <summary>A verification call completed (its verdict is on the attempt it judged).</summary>
    Completed,
}
