namespace Cascade;

/// <summary>How the request's first tier was chosen.</summary>
public enum RouteMode
{
    /// <summary>Into the cascade at the workload's start tier.</summary>
    Cascade,

    /// <summary>Straight to a tier chosen by up-front routing; no cheaper attempt.</summary>
    Upfront,

    /// <summary>The caller pinned a tier by name.</summary>
    Pinned,
}

/// <summary>The up-front routing decision recorded in a request's route.</summary>
/// <param name="Mode">Cascade, up-front or pinned.</param>
/// <param name="StartTier">The tier the request started at.</param>
/// <param name="Confidence">The router's confidence in its choice, from 0 to 1, when it classified the request.</param>
/// <param name="Reason">Why, in a few words.</param>
public sealed record RouteDecision(RouteMode Mode, string StartTier, double? Confidence = null, string? Reason = null);
