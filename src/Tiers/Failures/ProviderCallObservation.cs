using System.Net;

namespace Cascade;

/// <summary>
/// What the HTTP layer saw of one provider call: whether the request left, whether response headers came back,
/// the status and the provider's Retry-After. Written by <see cref="ProviderResponseObserver"/>, read by the
/// <see cref="FailureClassifier"/>.
/// </summary>
/// <remarks>
/// The SDKs' exceptions do not all carry this (the Anthropic SDK's exceptions have no headers, and a timeout
/// says nothing of whether the provider had accepted the call), so the resilient invoker opens an observation
/// around each call and the observer handler inside the provider's <see cref="HttpClient"/> fills it in. The
/// observation flows to the handler through an <see cref="AsyncLocal{T}"/>; a client built without the observer
/// leaves it empty and the classifier falls back to what the exception and the stream tell.
/// </remarks>
public sealed class ProviderCallObservation
{
    private static readonly AsyncLocal<ProviderCallObservation?> s_current = new();
    private int _requestsSent;
    private int _responsesStarted;

    /// <summary>Gets the observation of the call in flight on this async flow, or <see langword="null"/>.</summary>
    public static ProviderCallObservation? Current => s_current.Value;

    /// <summary>Gets whether an HTTP request was handed to the transport.</summary>
    public bool RequestSent => Volatile.Read(ref _requestsSent) > 0;

    /// <summary>Gets whether response headers arrived.</summary>
    public bool ResponseStarted => Volatile.Read(ref _responsesStarted) > 0;

    /// <summary>Gets the status of the last response, when headers arrived.</summary>
    public HttpStatusCode? StatusCode { get; private set; }

    /// <summary>Gets the Retry-After of the last response, when it had one.</summary>
    public TimeSpan? RetryAfter { get; private set; }

    /// <summary>Gets whether the provider accepted the call: headers with a success status arrived.</summary>
    public bool Accepted => ResponseStarted && StatusCode is { } status && (int)status is >= 200 and < 300;

    /// <summary>Starts observing the calls made on this async flow until the returned scope is disposed.</summary>
    /// <returns>A scope that restores the previous observation.</returns>
    public static IDisposable Begin(ProviderCallObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ProviderCallObservation? previous = s_current.Value;
        s_current.Value = observation;
        return new Scope(previous);
    }

    internal void OnRequestSent() => Interlocked.Increment(ref _requestsSent);

    internal void OnResponse(HttpStatusCode status, TimeSpan? retryAfter)
    {
        StatusCode = status;
        RetryAfter = retryAfter;
        Interlocked.Increment(ref _responsesStarted);
    }

    private sealed class Scope(ProviderCallObservation? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}
