namespace Cascade;

/// <summary>Overrides of the <see cref="FailurePolicy"/> table. Unset, the documented defaults apply.</summary>
public sealed class FailurePolicyOptions
{
    /// <summary>Gets or sets decisions that replace the table's defaults, by cause.</summary>
    public Dictionary<FailureCause, FailureDecision> Decisions { get; set; } = [];

    /// <summary>Gets or sets whether a content refusal falls back to the tier's next deployment instead of stopping.</summary>
    /// <value>The default value is <see langword="false"/>: a refusal stops the request.</value>
    public bool FallbackOnRefusal { get; set; }

    /// <summary>
    /// Gets or sets whether a retry may follow a failure the provider already billed (a timeout after acceptance,
    /// a dropped stream). Off, such a failure falls back instead: a retry of a billed call pays twice for one answer.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RetryBilledFailures { get; set; }

    /// <summary>
    /// Gets or sets whether a failed retry may be followed by a fallback for the same failure. Off, a failure gets
    /// one retry or one fallback, never both.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool StackRetryAndFallback { get; set; }

    /// <summary>Gets or sets the causes that count as failures for a deployment's circuit breaker; <see langword="null"/> uses <see cref="FailurePolicy.DefaultCircuitCauses"/>.</summary>
    public HashSet<FailureCause>? CircuitCauses { get; set; }

    /// <summary>Lists every problem of the options; empty when they are valid.</summary>
    /// <param name="path">The configuration path the messages name.</param>
    public IReadOnlyList<string> Validate(string path = "Cascade:Reliability:Failures")
    {
        var errors = new List<string>();
        foreach ((FailureCause cause, FailureDecision decision) in Decisions)
        {
            if (!Enum.IsDefined(cause))
            {
                errors.Add($"{path}:Decisions has an unknown cause '{cause}'.");
            }

            if (!Enum.IsDefined(decision))
            {
                errors.Add($"{path}:Decisions:{cause} has an unknown decision '{decision}'; use Retry, Fallback, LargerContextTier or Stop.");
            }

            if (cause is FailureCause.CancelledByCaller or FailureCause.ClientDisconnected && decision != FailureDecision.Stop)
            {
                errors.Add($"{path}:Decisions:{cause} must be Stop: nobody is waiting for the answer.");
            }

            if (cause == FailureCause.CircuitOpen && decision is FailureDecision.Retry)
            {
                errors.Add($"{path}:Decisions:{cause} cannot be Retry: an open circuit refuses the same deployment.");
            }
        }

        return errors;
    }
}
