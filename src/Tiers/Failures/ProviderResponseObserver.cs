using System.Globalization;
using System.Net.Http.Headers;

namespace Cascade;

/// <summary>
/// A <see cref="DelegatingHandler"/> for the <see cref="HttpClient"/> of a provider SDK: records, for the call in
/// flight, that the request left and which status and Retry-After came back, so failures can be told apart
/// ("before send" from "after send", "before any byte" from "after acceptance") and Retry-After honoured.
/// </summary>
/// <remarks>
/// It never retries, delays or changes a request. Give every provider client a tier builds the client from
/// <see cref="CreateHttpClient"/>, with the SDK's own retries off: Anthropic
/// <c>new AnthropicClient { HttpClient = ProviderResponseObserver.CreateHttpClient(), MaxRetries = 0 }</c>; OpenAI
/// <c>Transport = new HttpClientPipelineTransport(ProviderResponseObserver.CreateHttpClient())</c> with
/// <c>RetryPolicy = new ClientRetryPolicy(maxRetries: 0)</c>.
/// </remarks>
public sealed class ProviderResponseObserver : DelegatingHandler
{
    /// <summary>Initializes an observer; set <see cref="DelegatingHandler.InnerHandler"/> unless a client builder does.</summary>
    public ProviderResponseObserver()
    {
    }

    /// <summary>Initializes an observer over <paramref name="innerHandler"/>.</summary>
    public ProviderResponseObserver(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
    }

    /// <summary>
    /// Creates the transport handler provider calls should use: a <see cref="SocketsHttpHandler"/> that closes the
    /// connection of an abandoned answer at once. By default an unread response is drained for up to two seconds so
    /// the connection can be reused; for a model call that means the provider keeps generating, and billing, after
    /// the caller went away.
    /// </summary>
    public static SocketsHttpHandler CreateTransportHandler() => new()
    {
        ResponseDrainTimeout = TimeSpan.Zero,
        MaxResponseDrainSize = 0,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>
    /// Creates an <see cref="HttpClient"/> for a provider SDK: an observer over <see cref="CreateTransportHandler"/>,
    /// with no client timeout (attempt timeouts belong to the cascade).
    /// </summary>
    /// <param name="observer">The observer to use; a new one when <see langword="null"/>. Its inner handler is set when it has none.</param>
    public static HttpClient CreateHttpClient(ProviderResponseObserver? observer = null)
    {
        observer ??= new ProviderResponseObserver();
        observer.InnerHandler ??= CreateTransportHandler();
        return new HttpClient(observer) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Gets or sets a callback run when response headers arrived and were recorded (diagnostics and tests).</summary>
    public Action<HttpResponseMessage>? OnResponseHeaders { get; set; }

    /// <summary>Gets or sets the clock a Retry-After date is measured against.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Reads how long a response asks the caller to wait: <c>retry-after-ms</c>, then <c>retry-after</c> (seconds or an HTTP date).</summary>
    /// <param name="headers">The response headers.</param>
    /// <param name="now">The current time, for an HTTP-date Retry-After.</param>
    /// <returns>The wait, never negative, or <see langword="null"/> when the response names none.</returns>
    public static TimeSpan? ReadRetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.TryGetValues("retry-after-ms", out IEnumerable<string>? ms) && ParseMilliseconds(ms.FirstOrDefault()) is { } fromMs)
        {
            return fromMs;
        }

        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (retryAfter.Date is { } date)
            {
                TimeSpan wait = date - now;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }

        return null;
    }

    /// <summary>Reads a Retry-After from raw header values (as the OpenAI SDK's <c>PipelineResponse</c> exposes them).</summary>
    /// <param name="retryAfterMs">The <c>retry-after-ms</c> value, or <see langword="null"/>.</param>
    /// <param name="retryAfter">The <c>retry-after</c> value, or <see langword="null"/>.</param>
    /// <param name="now">The current time, for an HTTP-date Retry-After.</param>
    /// <returns>The wait, never negative, or <see langword="null"/>.</returns>
    public static TimeSpan? ReadRetryAfter(string? retryAfterMs, string? retryAfter, DateTimeOffset now)
    {
        if (ParseMilliseconds(retryAfterMs) is { } fromMs)
        {
            return fromMs;
        }

        if (string.IsNullOrWhiteSpace(retryAfter))
        {
            return null;
        }

        if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds))
        {
            return seconds <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
        {
            TimeSpan wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ProviderCallObservation? observation = ProviderCallObservation.Current;
        observation?.OnRequestSent();
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        if (observation is not null)
        {
            observation.OnResponse(response.StatusCode, ReadRetryAfter(response.Headers, TimeProvider.GetUtcNow()));
            OnResponseHeaders?.Invoke(response);
        }

        return response;
    }

    private static TimeSpan? ParseMilliseconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) && double.IsFinite(ms)
            ? ms <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(ms)
            : null;
}
