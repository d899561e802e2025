namespace Cascade.Simulator.Faults;

/// <summary>The failures the simulator can inject, named as in the <c>x-sim-fault</c> header.</summary>
public enum FaultKind
{
    /// <summary><c>429</c>: rate limited, with <c>retry-after</c>; not billed.</summary>
    RateLimited,

    /// <summary><c>500</c>: internal error; not billed.</summary>
    ServerError,

    /// <summary><c>529</c>: overloaded; not billed.</summary>
    Overloaded,

    /// <summary><c>reset</c>: the connection is dropped before any response; not billed.</summary>
    ConnectionReset,

    /// <summary><c>hang</c>: the request is accepted (input billed) and never answered until the client gives up.</summary>
    Hang,

    /// <summary><c>cut</c>: the answer stops mid-way and the connection drops; output billed up to the cut.</summary>
    StreamCut,

    /// <summary><c>empty</c>: a well-formed answer with no content.</summary>
    EmptyAnswer,

    /// <summary><c>malformed</c>: a 200 whose body (or stream event) is not valid JSON; with <c>after=TOKENS</c> the stream sends that many tokens first.</summary>
    MalformedBody,

    /// <summary><c>slow</c>: the first token comes late (<c>delay=MS</c>).</summary>
    SlowFirstToken,

    /// <summary><c>refusal</c>: the model declines to answer.</summary>
    Refusal,

    /// <summary><c>stall</c>: the stream sends <c>after=TOKENS</c> tokens (default half), then holds until the client gives up; output billed up to the stall.</summary>
    Stall,
}
