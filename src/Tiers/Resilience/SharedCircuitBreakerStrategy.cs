using Polly;
using Polly.CircuitBreaker;

namespace Cascade;

/// <summary>
/// Puts a <see cref="SharedCircuitBreaker"/> into a Polly pipeline: refuses a call to a deployment whose circuit is
/// open with <see cref="BrokenCircuitException"/> (no provider call is made), and records each outcome whose cause
/// counts against the circuit. The deployment's circuit key travels in the <see cref="ResilienceContext"/>.
/// </summary>
internal sealed class SharedCircuitBreakerStrategy(SharedCircuitBreaker breaker, FailurePolicy policy) : ResilienceStrategy
{
    /// <summary>The context property holding the deployment's circuit key.</summary>
    public static readonly ResiliencePropertyKey<string> CircuitKey = new("cascade.circuit_key");

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        if (!context.Properties.TryGetValue(CircuitKey, out string? key))
        {
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }

        CircuitPermission permission = await breaker.TryAcquireAsync(key, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        if (!permission.Allowed)
        {
            string message = $"The circuit of deployment '{key}' is open; the tier skips it.";
            return Outcome.FromException<TResult>(permission.RetryAfter is { } after ? new BrokenCircuitException(message, after) : new BrokenCircuitException(message));
        }

        try
        {
            Outcome<TResult> outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
            if (outcome.Exception is null)
            {
                await breaker.RecordSuccessAsync(key).ConfigureAwait(context.ContinueOnCapturedContext);
            }
            else if (outcome.Exception is ProviderCallException failure && policy.CountsTowardCircuit(failure.Classification.Cause))
            {
                await breaker.RecordFailureAsync(key).ConfigureAwait(context.ContinueOnCapturedContext);
            }

            return outcome;
        }
        finally
        {
            breaker.Release(key, permission);
        }
    }
}
