namespace Cascade;

/// <summary>
/// Reliability inside a tier: the per-attempt timeout, retries, the circuit breakers and the failure table,
/// bound from <c>Cascade:Reliability</c>.
/// </summary>
public sealed class ReliabilityOptions
{
    /// <summary>
    /// Gets or sets how long one provider call may take: a whole unstreamed answer, or a stream's wait for its first
    /// output. The request's deadline shortens it.
    /// </summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets the longest wait for the next update once a stream has produced output. Time the consumer spends
    /// on an update does not count; a long answer that keeps flowing is never cut. The request's deadline shortens it.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the longest wait for a stream's first output (text, a tool call or reasoning). Before any output
    /// reached the caller it falls back like any other failure, cause <see cref="FailureCause.FirstTokenTimeout"/>;
    /// <see cref="AttemptTimeout"/> still bounds it. The request's deadline shortens it.
    /// </summary>
    /// <value>The default value is 20 seconds.</value>
    public TimeSpan FirstTokenTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets or sets how a deployment is retried.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Gets or sets the deployments' circuit breakers.</summary>
    public CircuitBreakerOptions Circuit { get; set; } = new();

    /// <summary>Gets or sets overrides of the cause-to-decision table.</summary>
    public FailurePolicyOptions Failures { get; set; } = new();

    /// <summary>Lists every problem of the options; empty when they are valid.</summary>
    /// <param name="path">The configuration path the messages name.</param>
    public IReadOnlyList<string> Validate(string path = "Cascade:Reliability")
    {
        var errors = new List<string>();
        if (AttemptTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{path}:AttemptTimeout must be positive (got {AttemptTimeout}).");
        }

        if (StreamIdleTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{path}:StreamIdleTimeout must be positive (got {StreamIdleTimeout}).");
        }

        if (FirstTokenTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{path}:FirstTokenTimeout must be positive (got {FirstTokenTimeout}).");
        }

        if (Retry is null || Circuit is null || Failures is null)
        {
            errors.Add($"{path}: Retry, Circuit and Failures cannot be null.");
            return errors;
        }

        errors.AddRange(Retry.Validate($"{path}:Retry"));
        errors.AddRange(Circuit.Validate($"{path}:Circuit"));
        errors.AddRange(Failures.Validate($"{path}:Failures"));
        return errors;
    }

    /// <summary>Throws when the options are invalid.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem and the setting to fix.</exception>
    public void ThrowIfInvalid()
    {
        IReadOnlyList<string> errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid reliability options: {string.Join(" ", errors)}");
        }
    }
}
