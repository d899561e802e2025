using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Cascade.SupportChatDemo.Routing;

/// <summary>Reads a request's attempts from the router's <c>GET /v1/requests/{id}</c>, to explain an escalation or a fallback step by step.</summary>
/// <param name="http">A client for the router (no <see cref="RouteCaptureHandler"/>).</param>
/// <param name="options">The router's address and key.</param>
/// <param name="logger">Logs a log that cannot be read.</param>
public sealed partial class RouterAttemptLog(HttpClient http, IOptions<SupportChatOptions> options, ILogger<RouterAttemptLog> logger)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>Gets the attempts of request <paramref name="requestId"/>, or <see langword="null"/> when the router cannot tell (logged).</summary>
    public async Task<IReadOnlyList<RouteStep>?> GetStepsAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        SupportChatOptions settings = options.Value;
        Uri address = new(settings.RouterEndpoint!.AbsoluteUri.TrimEnd('/') + "/v1/requests/" + Uri.EscapeDataString(requestId));
        using HttpRequestMessage request = new(HttpMethod.Get, address);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.RouterApiKey);
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(logger, requestId, (int)response.StatusCode);
                return null;
            }

            LogBody? body = await response.Content.ReadFromJsonAsync<LogBody>(s_json, cancellationToken);
            return body?.Attempts is { } attempts ? [.. attempts.Select(Step)] : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreadable(logger, ex, requestId);
            return null;
        }
    }

    private static RouteStep Step(AttemptBody a)
    {
        string? detail = a.Verdict is { } verdict
            ? $"{verdict.Gate}: {verdict.Decision}{(verdict.Reason is { Length: > 0 } reason ? " (" + reason + ")" : "")}"
            : a.Failure is { Length: > 0 } failure ? failure + (a.Error is { Length: > 0 } error ? ": " + error : "") : a.SwitchCause;
        return new RouteStep(a.Tier ?? "?", a.Model ?? "?", a.Kind ?? "?", a.Outcome ?? "?", detail, a.Cost);
    }

    [LoggerMessage(1, LogLevel.Warning, "The router's attempt log for {RequestId} answered {Status}; the answer shows the header summary only")]
    private static partial void LogRefused(ILogger logger, string requestId, int status);

    [LoggerMessage(2, LogLevel.Warning, "The router's attempt log for {RequestId} could not be read; the answer shows the header summary only")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string requestId);

    private sealed record LogBody(IReadOnlyList<AttemptBody>? Attempts);

    private sealed record AttemptBody(
        string? Tier,
        string? Model,
        string? Kind,
        string? Outcome,
        string? Failure,
        string? Error,
        string? SwitchCause,
        VerdictBody? Verdict,
        decimal Cost);

    private sealed record VerdictBody(string? Gate, string? Decision, string? Reason);
}
