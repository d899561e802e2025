namespace Cascade;

/// <summary>The circuit breaker of each deployment: consecutive failures open it, a break later one probe at a time may close it.</summary>
/// <remarks>Defaults are the source article's recipe: 5 failures open it, 60 s to a half-open probe, 3 successful probes close it.</remarks>
public sealed class CircuitBreakerOptions
{
    /// <summary>Gets or sets whether deployments have circuit breakers.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the consecutive failures (of the causes that count, see <see cref="FailurePolicyOptions.CircuitCauses"/>) that open the circuit.</summary>
    /// <value>The default value is 5.</value>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>Gets or sets how long an open circuit refuses calls before it lets a probe through.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the successful probes that close a half-open circuit; one failed probe opens it again.</summary>
    /// <value>The default value is 3.</value>
    public int SuccessThreshold { get; set; } = 3;

    /// <summary>Gets or sets how many probes one process lets through at once while the circuit is half-open.</summary>
    /// <value>The default value is 1.</value>
    public int MaxConcurrentProbes { get; set; } = 1;

    /// <summary>Lists every problem of the options; empty when they are valid.</summary>
    /// <param name="path">The configuration path the messages name.</param>
    public IReadOnlyList<string> Validate(string path = "Cascade:Reliability:Circuit")
    {
        var errors = new List<string>();
        if (FailureThreshold < 1)
        {
            errors.Add($"{path}:FailureThreshold must be at least 1 (got {FailureThreshold}).");
        }

        if (BreakDuration <= TimeSpan.Zero)
        {
            errors.Add($"{path}:BreakDuration must be positive (got {BreakDuration}).");
        }

        if (SuccessThreshold < 1)
        {
            errors.Add($"{path}:SuccessThreshold must be at least 1 (got {SuccessThreshold}).");
        }

        if (MaxConcurrentProbes < 1)
        {
            errors.Add($"{path}:MaxConcurrentProbes must be at least 1 (got {MaxConcurrentProbes}).");
        }

        return errors;
    }
}
