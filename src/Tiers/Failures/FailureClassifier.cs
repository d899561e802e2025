using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Sockets;
using Anthropic.Exceptions;
using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// Tells why a provider call failed, from the provider SDKs' real exceptions (Anthropic's
/// <see cref="AnthropicApiException"/> family, OpenAI's <see cref="ClientResultException"/>,
/// <see cref="HttpRequestException"/>, cancellations) and from successful responses that are no answer
/// (an empty answer, a content refusal).
/// </summary>
/// <remarks>
/// Two questions decide the money: did the provider accept the call (then it is billed, and a retry pays twice),
/// and did the request leave (a connection that failed before sending is safe to retry). The first comes from
/// the <see cref="ProviderCallObservation"/> and from what the caller received; the second from
/// <see cref="HttpRequestException.HttpRequestError"/>.
/// </remarks>
public sealed class FailureClassifier
{
    private static readonly string[] s_contextTooLongMarkers =
    [
        "prompt is too long",
        "context_length_exceeded",
        "maximum context length",
        "context window",
        "too many tokens",
        "input is too long",
    ];

    private static readonly string[] s_refusalMarkers =
    [
        "content_filter",
        "content_policy_violation",
        "content management policy",
        "refusal",
    ];

    /// <summary>Gets the shared classifier.</summary>
    public static FailureClassifier Default { get; } = new();

    /// <summary>Gets or sets the clock an HTTP-date Retry-After is measured against.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Classifies an exception thrown by a provider call.</summary>
    /// <param name="exception">What the chat client threw.</param>
    /// <param name="context">What the invoker knows about the call: who cancelled it and what had arrived.</param>
    /// <returns>The cause, whether the call was accepted (billed), the status and the Retry-After.</returns>
    public FailureClassification Classify(Exception exception, FailureContext context)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ProviderCallObservation? observation = context.Observation;
        bool accepted = context.OutputReceived || observation?.Accepted == true;
        int? observedStatus = observation?.StatusCode is { } s ? (int)s : null;
        TimeSpan? observedRetryAfter = observation?.RetryAfter;

        if (context.CallerCancelled)
        {
            // The caller went away (or cancelled): an accepted call was abandoned mid-answer and is billed.
            return new(accepted ? FailureCause.ClientDisconnected : FailureCause.CancelledByCaller, accepted, observedStatus, null,
                accepted ? "The caller went away after the provider accepted the call; the upstream call was cancelled." : "The caller cancelled the request.");
        }

        if (context.AttemptTimedOut && IsCancellation(exception))
        {
            return new(accepted ? FailureCause.TimeoutAfterAcceptance : FailureCause.TimeoutBeforeResponse, accepted, observedStatus, null,
                accepted ? "The provider accepted the call but the answer did not finish within the attempt timeout." : "No response arrived within the attempt timeout.");
        }

        switch (exception)
        {
            case AnthropicSseException sse:
                // An error event inside an accepted stream (for example overloaded_error mid-answer).
                return FromStatus($"{sse.Type} {sse.Message}".Contains("overloaded", StringComparison.OrdinalIgnoreCase) ? 529 : null, sse.ApiMessage ?? sse.Message, sse.ErrorCode, accepted: true, observedRetryAfter, streamBroken: true);

            case AnthropicApiException api:
                return FromStatus((int)api.StatusCode, $"{api.ApiMessage ?? api.ResponseBody ?? api.Message}", $"{api.ErrorCode} {api.ResponseBody}", accepted: false, observedRetryAfter, streamBroken: false);

            case ClientResultException result when result.Status != 0:
                PipelineResponse? raw = result.GetRawResponse();
                TimeSpan? retryAfter = observedRetryAfter ?? ReadRetryAfter(raw);
                string body = SafeBody(raw);
                return FromStatus(result.Status, ErrorMessageOf(body) ?? FirstLine(result.Message), body, accepted: false, retryAfter, streamBroken: false);
        }

        if (observedStatus is >= 400 && !accepted)
        {
            // An SDK whose exceptions this classifier does not know: the status the observer saw still tells the cause.
            return FromStatus(observedStatus, FirstLine(exception.Message), null, accepted: false, observedRetryAfter, streamBroken: false);
        }

        if (FindInner<HttpRequestException>(exception) is { } http)
        {
            if (http.StatusCode is { } status && http.HttpRequestError == HttpRequestError.Unknown && (int)status >= 400)
            {
                return FromStatus((int)status, http.Message, null, accepted: false, observedRetryAfter, streamBroken: false);
            }

            return FromNetwork(http.HttpRequestError, http, accepted, observation, observedStatus);
        }

        if (FindInner<SocketException>(exception) is { } socket)
        {
            bool beforeSend = socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable;
            return beforeSend && !accepted
                ? new(FailureCause.ConnectionFailedBeforeSend, false, observedStatus, null, $"The connection failed before the request was sent: {socket.Message}")
                : new(FailureCause.ConnectionFailedAfterSend, accepted, observedStatus, null, $"The connection dropped after the request was sent: {socket.Message}");
        }

        if (FindInner<IOException>(exception) is { } io || exception is AnthropicIOException)
        {
            return new(FailureCause.ConnectionFailedAfterSend, accepted, observedStatus, null, $"The connection dropped after the request was sent: {FirstLine(exception.Message)}");
        }

        if (FindInner<TimeoutException>(exception) is not null)
        {
            // An HttpClient.Timeout or an SDK timeout the caller did not ask for.
            return new(accepted ? FailureCause.TimeoutAfterAcceptance : FailureCause.TimeoutBeforeResponse, accepted, observedStatus, null, FirstLine(exception.Message));
        }

        return new(FailureCause.Unknown, accepted, observedStatus, observedRetryAfter, $"{exception.GetType().Name}: {FirstLine(exception.Message)}");
    }

    /// <summary>Classifies a successful response that is no answer: a content refusal or an empty answer.</summary>
    /// <param name="response">The provider's response.</param>
    /// <returns>The cause, or <see langword="null"/> when the response is an answer.</returns>
    public FailureCause? ClassifyResponse(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.FinishReason == ChatFinishReason.ContentFilter
            || string.Equals(response.FinishReason?.Value, "refusal", StringComparison.OrdinalIgnoreCase))
        {
            return FailureCause.ContentRefusal;
        }

        bool hasToolCall = response.Messages.SelectMany(m => m.Contents).Any(c => c is FunctionCallContent);
        return !hasToolCall && string.IsNullOrWhiteSpace(response.Text) ? FailureCause.EmptyAnswer : null;
    }

    /// <summary>Classifies an HTTP status and error body the way the providers use them.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="body">The error body or code, searched for the context-length and content-filter markers.</param>
    /// <returns>The cause.</returns>
    public static FailureCause CauseOfStatus(int status, string? body = null)
    {
        body ??= "";
        return status switch
        {
            429 => FailureCause.RateLimited,
            529 => FailureCause.Overloaded,
            503 when body.Contains("overloaded", StringComparison.OrdinalIgnoreCase) => FailureCause.Overloaded,
            408 or 504 => FailureCause.TimeoutBeforeResponse,
            >= 500 => FailureCause.ServerError,
            401 or 403 => FailureCause.Authentication,
            400 or 413 or 422 when ContainsAny(body, s_contextTooLongMarkers) => FailureCause.ContextTooLong,
            400 or 422 when ContainsAny(body, s_refusalMarkers) => FailureCause.ContentRefusal,
            >= 400 => FailureCause.InvalidRequest,
            _ => FailureCause.Unknown,
        };
    }

    private FailureClassification FromStatus(int? status, string message, string? body, bool accepted, TimeSpan? retryAfter, bool streamBroken)
    {
        FailureCause cause = status is { } code ? CauseOfStatus(code, $"{message} {body}") : FailureCause.ConnectionFailedAfterSend;
        if (streamBroken && cause is FailureCause.Unknown or FailureCause.InvalidRequest)
        {
            cause = FailureCause.ConnectionFailedAfterSend;
        }

        string text = status is { } c ? $"HTTP {c} ({cause}): {FirstLine(message)}" : $"The stream broke after the provider accepted the call: {FirstLine(message)}";
        return new(cause, accepted, status, retryAfter, text);
    }

    private static FailureClassification FromNetwork(HttpRequestError error, HttpRequestException http, bool accepted, ProviderCallObservation? observation, int? status)
    {
        bool beforeSend = error switch
        {
            HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError
                or HttpRequestError.ProxyTunnelError or HttpRequestError.ConfigurationLimitExceeded => true,
            HttpRequestError.Unknown => observation is { RequestSent: false },
            _ => false,
        };

        return beforeSend && !accepted
            ? new(FailureCause.ConnectionFailedBeforeSend, false, status, null, $"The connection failed before the request was sent ({error}): {FirstLine(http.Message)}")
            : new(FailureCause.ConnectionFailedAfterSend, accepted, status, null, $"The connection dropped after the request was sent ({error}): {FirstLine(http.Message)}");
    }

    private TimeSpan? ReadRetryAfter(PipelineResponse? raw)
    {
        if (raw is null)
        {
            return null;
        }

        raw.Headers.TryGetValue("retry-after-ms", out string? ms);
        raw.Headers.TryGetValue("retry-after", out string? seconds);
        return ProviderResponseObserver.ReadRetryAfter(ms, seconds, TimeProvider.GetUtcNow());
    }

    private static string SafeBody(PipelineResponse? raw)
    {
        try
        {
            return raw?.Content?.ToString() ?? "";
        }
        catch (InvalidOperationException)
        {
            // A streamed response whose content was not buffered.
            return "";
        }
    }

    private static string? ErrorMessageOf(string body)
    {
        // OpenAI-compatible error bodies: {"error":{"message":"...","type":"...","code":"..."}}.
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == System.Text.Json.JsonValueKind.Object
                && error.TryGetProperty("message", out var message) && message.ValueKind == System.Text.Json.JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static bool IsCancellation(Exception exception) =>
        exception is OperationCanceledException || FindInner<OperationCanceledException>(exception) is not null;

    private static T? FindInner<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static bool ContainsAny(string text, string[] markers) =>
        markers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));

    private static string FirstLine(string message)
    {
        int newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}

/// <summary>What the invoker knows about a failed call beyond its exception.</summary>
/// <param name="CallerCancelled">The caller's token was cancelled (the caller cancelled or went away).</param>
/// <param name="AttemptTimedOut">The attempt's own timeout (or the request's deadline) fired.</param>
/// <param name="OutputReceived">Streamed output or usage had arrived before the failure: the provider accepted the call.</param>
/// <param name="Observation">What the HTTP layer saw, when the client carries a <see cref="ProviderResponseObserver"/>.</param>
public readonly record struct FailureContext(
    bool CallerCancelled = false,
    bool AttemptTimedOut = false,
    bool OutputReceived = false,
    ProviderCallObservation? Observation = null);
