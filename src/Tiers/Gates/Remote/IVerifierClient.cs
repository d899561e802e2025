namespace Cascade;

/// <summary>Calls a verifier service: given the request and a candidate answer, it says accept, reject or abstain.</summary>
/// <remarks>
/// Implementations throw on transport failures (connection refused, 5xx, a malformed reply); <see cref="RemoteVerifierGate"/>
/// turns them into its configured verdict. They must not retry: the gate's timeout is the only one that applies.
/// </remarks>
public interface IVerifierClient
{
    /// <summary>Verifies one candidate answer.</summary>
    /// <param name="request">The request, the candidate, and what is expected of it.</param>
    /// <param name="cancellationToken">Cancelled at the gate's timeout or by the caller.</param>
    /// <returns>The verifier's verdict, score, reasons and cost.</returns>
    Task<VerificationResult> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken = default);
}
