namespace Cascade.Router;

/// <summary>The outcome of a rate-limit check, with what the <c>x-ratelimit-*</c> headers report.</summary>
public sealed record RateLimitDecision
{
    /// <summary>Gets whether the request may go ahead.</summary>
    public required bool Allowed { get; init; }

    /// <summary>Gets the limit that refused the request.</summary>
    public RateLimitKind? RefusedBy { get; init; }

    /// <summary>Gets whether the request can never pass (it asks for more tokens than one whole window allows).</summary>
    public bool NeverFits { get; init; }

    /// <summary>Gets the time until the limits refill.</summary>
    public TimeSpan ResetAfter { get; init; }

    /// <summary>Gets the request limit, when the key has one.</summary>
    public int? RequestLimit { get; init; }

    /// <summary>Gets the requests left in the window.</summary>
    public long? RequestsRemaining { get; init; }

    /// <summary>Gets the token limit, when the key has one.</summary>
    public long? TokenLimit { get; init; }

    /// <summary>Gets the tokens left in the window.</summary>
    public long? TokensRemaining { get; init; }

    /// <summary>Writes the <c>x-ratelimit-*</c> headers OpenAI's API sends.</summary>
    public void WriteHeaders(IDictionary<string, Microsoft.Extensions.Primitives.StringValues> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        string reset = FormatDuration(ResetAfter);
        if (RequestLimit is { } requests)
        {
            headers["x-ratelimit-limit-requests"] = requests.ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-requests"] = (RequestsRemaining ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-requests"] = reset;
        }

        if (TokenLimit is { } tokens)
        {
            headers["x-ratelimit-limit-tokens"] = tokens.ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-tokens"] = (TokensRemaining ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-tokens"] = reset;
        }
    }

    /// <summary>Formats a duration the way OpenAI's headers do: <c>1m30s</c>, <c>12s</c>, <c>250ms</c>.</summary>
    public static string FormatDuration(TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1))
        {
            return $"{Math.Max(0, (int)Math.Ceiling(value.TotalMilliseconds))}ms";
        }

        int seconds = (int)Math.Ceiling(value.TotalSeconds);
        return seconds >= 60 ? $"{seconds / 60}m{seconds % 60}s" : $"{seconds}s";
    }
}
