using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>Makes a gate's own model call through the tier invoker, recorded as a verification attempt in the request's ledger.</summary>
internal static class VerificationCall
{
    public static async Task<ChatResponse?> GetResponseAsync(
        ITierInvoker invoker, Tier tier, IReadOnlyList<ChatMessage> messages, ChatOptions? options, GateContext context, string gate, CancellationToken cancellationToken)
    {
        try
        {
            TierResponse response = await invoker.GetResponseAsync(
                new TierRequest(tier, messages, options, context.Ledger, AttemptKind.Verification, SwitchCause: $"gate {gate}"),
                cancellationToken);

            // The invoker records the call as kept; a verification call completes, the answer it judged is what is kept.
            context.Ledger.Update(response.Attempt.Sequence, attempt => attempt with { Outcome = AttemptOutcome.Completed });
            return response.Response;
        }
        catch (TierFailedException)
        {
            // The failed attempt is in the ledger already; the gate's failure behaviour decides.
            return null;
        }
    }
}
