namespace Cascade;

/// <summary>How a tier retries the same deployment when the failure table says a retry helps.</summary>
/// <remarks>
/// The delay before retry <c>n</c> (from 0) is <c>BaseDelay × 2ⁿ</c> plus a random jitter of up to
/// <see cref="MaxJitter"/>, at most <see cref="MaxDelay"/>: 1 s, 2 s, 4 s ... with up to 1 s of jitter by default,
/// the source article's schedule. A provider's Retry-After replaces the backoff when it is at most
/// <see cref="RetryAfterCap"/>; a longer one skips the retry (the failure falls back instead), and so does a
/// delay that would end past the request's deadline.
/// </remarks>
public sealed class RetryOptions
{
    /// <summary>Gets or sets the most retries of one deployment for one failure.</summary>
    /// <value>The default value is 1 (one retry for a 429 or a short network failure). The request's
    /// <see cref="RequestLimits.MaxReliabilityStepsPerTier"/> caps it as well.</value>
    public int MaxRetries { get; set; } = 1;

    /// <summary>Gets or sets the first backoff delay; each further retry doubles it.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the largest random jitter added to a backoff delay.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan MaxJitter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest backoff delay (before jitter).</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the longest Retry-After the tier waits for; a longer one skips the retry.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan RetryAfterCap { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Lists every problem of the options; empty when they are valid.</summary>
    /// <param name="path">The configuration path the messages name.</param>
    public IReadOnlyList<string> Validate(string path = "Cascade:Reliability:Retry")
    {
        var errors = new List<string>();
        if (MaxRetries is < 0 or > 10)
        {
            errors.Add($"{path}:MaxRetries must be between 0 and 10 (got {MaxRetries}).");
        }

        if (BaseDelay < TimeSpan.Zero)
        {
            errors.Add($"{path}:BaseDelay cannot be negative (got {BaseDelay}).");
        }

        if (MaxJitter < TimeSpan.Zero)
        {
            errors.Add($"{path}:MaxJitter cannot be negative (got {MaxJitter}).");
        }

        if (MaxDelay < BaseDelay)
        {
            errors.Add($"{path}:MaxDelay ({MaxDelay}) must be at least BaseDelay ({BaseDelay}).");
        }

        if (RetryAfterCap < TimeSpan.Zero)
        {
            errors.Add($"{path}:RetryAfterCap cannot be negative (got {RetryAfterCap}).");
        }

        return errors;
    }

    /// <summary>Computes the backoff delay before retry <paramref name="retry"/> (from 0) for a jitter draw in [0, 1).</summary>
    public TimeSpan BackoffDelay(int retry, double jitterDraw)
    {
        double factor = Math.Pow(2, Math.Clamp(retry, 0, 30));
        TimeSpan backoff = TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * factor));
        return backoff + TimeSpan.FromTicks((long)(MaxJitter.Ticks * Math.Clamp(jitterDraw, 0, 1)));
    }
}
