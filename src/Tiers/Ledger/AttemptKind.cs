namespace Cascade;

/// <summary>Why an attempt was made. Reliability steps (retry, fallback) and cost steps (escalation) are kept apart.</summary>
public enum AttemptKind
{
    /// <summary>The first call of the request.</summary>
    Initial,

    /// <summary>The same deployment again after a failure whose cause says a retry helps.</summary>
    Retry,

    /// <summary>Another deployment of the same tier after a provider failure (reliability).</summary>
    Fallback,

    /// <summary>A higher tier after a gate rejected the answer (cost escalation).</summary>
    Escalation,

    /// <summary>A larger-context tier after the prompt did not fit.</summary>
    ContextUpgrade,

    /// <summary>A call made to judge an answer (a judge model, a consistency sample, the verifier).</summary>
    Verification,
}
