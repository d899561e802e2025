using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cascade.Protocol.Sse;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Cascade.Router;

/// <summary>
/// The way of one model request through the router: authenticate, read, resolve the model, refuse a prompt no tier
/// can hold, replay or claim its <c>Idempotency-Key</c>, admit it (rate limits, then its ceiling reserved against the
/// key's caps), run the cascade with that ceiling as <see cref="RequestLimits.MaxCost"/>, answer with the route, and
/// settle the reservation to the billed cost whatever happened, the caller leaving included.
/// </summary>
public sealed partial class CascadeGateway
{
    /// <summary>The header a caller sets to lower its request's cost ceiling below the key's.</summary>
    public const string MaxCostHeader = "x-cascade-max-cost";

    /// <summary>The idempotency header.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly ApiKeyAuthenticator _authenticator;
    private readonly RequestAdmission _admission;
    private readonly IIdempotencyStore _idempotency;
    private readonly IChatClient _cascade;
    private readonly CascadeModel _model;
    private readonly RequestOwners _owners;
    private readonly ILogger<CascadeGateway> _logger;
    private readonly RequestLimits _baseLimits;
    private readonly StartPlanner _planner;

    /// <summary>Initializes the gateway.</summary>
    public CascadeGateway(
        ApiKeyAuthenticator authenticator,
        RequestAdmission admission,
        IIdempotencyStore idempotency,
        IChatClient cascade,
        CascadeModel model,
        RequestOwners owners,
        ILogger<CascadeGateway> logger)
    {
        _authenticator = authenticator;
        _admission = admission;
        _idempotency = idempotency;
        _cascade = cascade;
        _model = model;
        _owners = owners;
        _logger = logger;
        _baseLimits = model.Options.Limits.ToLimits();
        _planner = cascade.GetService<CascadeChatClient>()?.Planner
            ?? throw new InvalidOperationException("The router's chat client has no cascade: register it with UseCascade.");
    }

    /// <summary>Gets the tier names a request may pin.</summary>
    public IReadOnlyList<string> TierNames => _model.Tiers.Select(t => t.Name).ToArray();

    internal async Task HandleAsync(HttpContext context, IGatewayDialect dialect)
    {
        CancellationToken aborted = context.RequestAborted;
        var (key, authError) = await _authenticator.AuthenticateAsync(context.Request, aborted);
        if (key is null)
        {
            await RouterErrorWriter.WriteAsync(context, authError!, dialect.Flavor);
            return;
        }

        byte[] body = await ReadBodyAsync(context.Request, aborted);
        var (request, parseError) = dialect.Parse(body);
        if (request is null)
        {
            await RouterErrorWriter.WriteAsync(context, parseError!, dialect.Flavor);
            return;
        }

        if (ModelTarget.Resolve(request.Model, TierNames) is not { } target)
        {
            await RouterErrorWriter.WriteAsync(context, new RouterError(404, "model_not_found",
                $"The model '{request.Model}' does not exist here. Use 'cascade', 'cascade/<workload>' or a tier name: {string.Join(", ", TierNames)}.") { Param = "model" }, dialect.Flavor);
            return;
        }

        long inputTokens = TokenCounter.Default.CountInput(request.Messages, request.Options);
        if (_planner.Overflow(request.Messages, request.Options, target.PinnedTier) is { } tooLong)
        {
            await RouterErrorWriter.WriteAsync(context, ContextRefusal(tooLong), dialect.Flavor);
            return;
        }

        if (!TryReadMaxCost(context.Request, out decimal? requestedCeiling, out RouterError? ceilingError))
        {
            await RouterErrorWriter.WriteAsync(context, ceilingError!, dialect.Flavor);
            return;
        }

        string? idempotencyKey = context.Request.Headers[IdempotencyKeyHeader].FirstOrDefault();
        string fingerprint = Fingerprint(context.Request.Path, body);
        if (idempotencyKey is not null)
        {
            if (idempotencyKey.Length is 0 or > 255)
            {
                await RouterErrorWriter.WriteAsync(context, new RouterError(400, "invalid_idempotency_key", "Idempotency-Key must be 1 to 255 characters."), dialect.Flavor);
                return;
            }

            IdempotencyBegin begin = await _idempotency.BeginAsync(key.Id, idempotencyKey, fingerprint, aborted);
            switch (begin.Status)
            {
                case IdempotencyStatus.Completed:
                    await ReplayAsync(context, begin.Response!);
                    return;
                case IdempotencyStatus.InFlight:
                    await RouterErrorWriter.WriteAsync(context, RouterError.IdempotencyInFlight(), dialect.Flavor);
                    return;
                case IdempotencyStatus.Mismatch:
                    await RouterErrorWriter.WriteAsync(context, RouterError.IdempotencyMismatch(), dialect.Flavor);
                    return;
            }
        }

        StoredResponse? answer = null;
        bool interrupted = false;
        try
        {
            long maxOutput = request.Options.MaxOutputTokens ?? _model.Tiers.SelectMany(t => t.Deployments).Max(d => d.DefaultMaxOutputTokens);
            AdmissionRequest admissionRequest = new() { Model = request.Model, Workload = target.Workload, EstimatedTokens = inputTokens + maxOutput, MaxCost = requestedCeiling };
            var (admission, refusal) = await _admission.AdmitAsync(key, admissionRequest, aborted);
            if (admission is null)
            {
                await RouterErrorWriter.WriteAsync(context, refusal!, dialect.Flavor);
                return;
            }

            admission.RateLimit.WriteHeaders(context.Response.Headers);
            string requestId = RequestLedger.NewRequestId();
            context.Response.Headers[RouteHeaders.RequestId] = requestId;
            ChatOptions options = request.Options;

            // The wire's model names the route (cascade, a workload, a tier), never a provider model; the cascade
            // ignores ChatOptions.ModelId and each tier sends its own.
            options.AdditionalProperties ??= [];
            options.AdditionalProperties[CascadeOptionKeys.RequestId] = requestId;
            options.AdditionalProperties[CascadeOptionKeys.Limits] = _baseLimits with
            {
                MaxCost = _baseLimits.MaxCost is { } configured && configured < admission.Ceiling ? configured : admission.Ceiling,
            };
            if (target.Workload is { } workload)
            {
                options.AdditionalProperties[CascadeOptionKeys.Workload] = workload;
            }

            if (target.PinnedTier is { } tier)
            {
                options.AdditionalProperties[CascadeOptionKeys.PinnedTier] = tier;
            }

            CascadeRoute? route = null;
            try
            {
                (answer, route, interrupted) = request.Stream
                    ? await StreamAsync(context, dialect, request, requestId, capture: idempotencyKey is not null)
                    : (await AnswerAsync(context, dialect, request) is var (whole, answered) ? (whole, answered, false) : default);
            }
            finally
            {
                // The money is settled whatever happened: an answer, a refusal from upstream, or the caller leaving mid-way.
                // The cascade hands its route back on every ending, so no route means no attempt was made.
                decimal billed = route?.TotalCost ?? 0m;
                await _admission.SettleAsync(admission, billed, CancellationToken.None);
                await _owners.SetAsync(requestId, key.Id, route?.Workload ?? target.Workload);
                LogSettled(_logger, requestId, key.Id, admission.Ceiling, billed);
            }
        }
        finally
        {
            if (idempotencyKey is not null)
            {
                if (answer is not null)
                {
                    await _idempotency.CompleteAsync(key.Id, idempotencyKey, fingerprint, answer, CancellationToken.None);
                }
                else
                {
                    await _idempotency.AbandonAsync(key.Id, idempotencyKey, CancellationToken.None);
                }
            }
        }

        if (interrupted)
        {
            // Settled and recorded above. Leaving by an exception after the response started makes Kestrel end the
            // connection without the final chunk, once what was written has been sent: every client sees an abnormal
            // end (an abort could drop the error event still in the transport's buffer).
            throw new StreamInterruptedException("The streamed answer failed after output reached the caller; the connection ends without a final chunk.");
        }
    }

    private async Task<(StoredResponse? Answer, CascadeRoute? Route)> AnswerAsync(HttpContext context, IGatewayDialect dialect, ParsedRequest request)
    {
        ChatResponse response;
        try
        {
            response = await _cascade.GetResponseAsync(request.Messages, request.Options, context.RequestAborted);
        }
        catch (Exception ex)
        {
            var (error, route) = Refusal(ex, context.RequestAborted);
            if (error is not null)
            {
                await RouterErrorWriter.WriteAsync(context, error, dialect.Flavor);
            }

            return (null, route);
        }

        CascadeRoute answered = response.GetCascadeRoute() ?? throw new InvalidOperationException("The cascade returned an answer without its route.");
        Dictionary<string, string> headers = RouteHeaders.Of(answered);
        byte[] body = dialect.WriteResponse(response, answered, request.Model);
        RouteHeaders.Write(context.Response, headers);
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
        return (new StoredResponse(200, "application/json", Encoding.UTF8.GetString(body), headers), answered);
    }

    private async Task<(StoredResponse? Answer, CascadeRoute? Route, bool Interrupted)> StreamAsync(HttpContext context, IGatewayDialect dialect, ParsedRequest request, string requestId, bool capture)
    {
        MemoryStream? copy = capture ? new MemoryStream() : null;
        Stream output = copy is null ? context.Response.Body : new TeeStream(context.Response.Body, copy);
        SseWriter sse = new(output);
        IGatewayStream stream = dialect.CreateStream(sse, requestId, request.Model);
        bool started = false;
        CascadeRoute? route = null;
        ChatFinishReason? finish = null;
        try
        {
            // When the caller goes away a write fails first; the stream is then read on without writing until the cascade
            // sees the cancellation itself, so it ends through its own failure path and records the billed partial.
            bool writing = true;
            await foreach (ChatResponseUpdate update in _cascade.GetStreamingResponseAsync(request.Messages, request.Options, context.RequestAborted))
            {
                finish = update.FinishReason ?? finish;
                route = update.GetCascadeRoute() ?? route;
                if (!writing)
                {
                    continue;
                }

                try
                {
                    if (!started)
                    {
                        started = true;
                        context.Response.ContentType = SseWriter.ContentType;
                        context.Response.Headers.CacheControl = "no-cache";
                        await stream.StartAsync(context.RequestAborted);
                    }

                    await stream.WriteAsync(update, context.RequestAborted);
                }
                catch (Exception ex) when (context.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
                {
                    writing = false;
                }
            }

            if (!writing)
            {
                // The cascade finished the answer before it noticed: settled to its route, but not kept for replay.
                LogCallerLeft(_logger);
                return (null, route, false);
            }

            if (route is null)
            {
                throw new InvalidOperationException("The cascade's stream ended without its route.");
            }

            if (!started)
            {
                context.Response.ContentType = SseWriter.ContentType;
                await stream.StartAsync(context.RequestAborted);
            }

            await stream.CompleteAsync(route, finish, context.RequestAborted);
        }
        catch (Exception ex)
        {
            var (error, failedRoute) = Refusal(ex, context.RequestAborted);
            if (error is not null)
            {
                if (started)
                {
                    // The in-band error, then no final chunk: no client takes the part as a whole answer.
                    await stream.FailAsync(error, context.RequestAborted);
                    return (null, failedRoute ?? route, true);
                }

                await RouterErrorWriter.WriteAsync(context, error, dialect.Flavor);
            }

            return (null, failedRoute ?? route, false);
        }

        Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase) { [RouteHeaders.RequestId] = requestId };
        return (copy is null ? null : new StoredResponse(200, SseWriter.ContentType, Encoding.UTF8.GetString(copy.ToArray()), headers), route, false);
    }

    /// <summary>Turns what the cascade threw into the error to send (none when the caller left) and the route it handed back.</summary>
    private (RouterError? Error, CascadeRoute? Route) Refusal(Exception exception, CancellationToken aborted)
    {
        CascadeRoute? route = exception.GetCascadeRoute();
        switch (exception)
        {
            case OperationCanceledException when aborted.IsCancellationRequested:
                LogCallerLeft(_logger);
                return (null, route);
            case BudgetExceededException budget:
                return (new RouterError(400, "cost_ceiling_exceeded",
                    $"{budget.Message} Lower max_tokens or shorten the prompt, or use a key with a higher per-request ceiling."), route);
            case TierFailedException { OutputStarted: true } interrupted:
                LogStreamInterrupted(_logger, route?.RequestId, interrupted.Tier, interrupted.Cause);
                int status = interrupted.Cause switch
                {
                    FailureCause.Overloaded => 529,
                    FailureCause.TimeoutAfterAcceptance or FailureCause.TimeoutBeforeResponse or FailureCause.FirstTokenTimeout => 504,
                    _ => 502,
                };
                return (new RouterError(status, "upstream_stream_interrupted",
                    $"The answer is incomplete: the provider's stream failed after part of it was sent ({interrupted.Cause}). The part sent is billed; send the request again.")
                {
                    ShouldRetry = true,
                }, route);
            case TierFailedException failed when failed.Cause is FailureCause.InvalidRequest or FailureCause.ContextTooLong or FailureCause.ContentRefusal:
                return (new RouterError(400, "upstream_refused", $"The provider refused the request: {failed.Message}"), route);
            case TierFailedException failed:
                return (new RouterError(503, "upstream_unavailable", $"No tier could answer: {failed.Message}") { ShouldRetry = true, RetryAfter = TimeSpan.FromSeconds(1) }, route);
            case InvalidCascadeRequestException invalid:
                return (new RouterError(400, "invalid_request", invalid.Message), route);
            case OperationCanceledException:
                return (new RouterError(504, "upstream_timeout", "The request timed out before any tier answered.") { ShouldRetry = true }, route);
            default:
                LogUnexpected(_logger, exception);
                return (new RouterError(500, "internal_error", "The router failed unexpectedly; the error is logged.") { ShouldRetry = true }, route);
        }
    }

    private static RouterError ContextRefusal(ContextOverflow overflow) => new(400, "context_length_exceeded",
        $"The prompt has about {overflow.Tokens} tokens, more than the largest context window ({overflow.LargestWindow} tokens) of {(overflow.PinnedTier is null ? "any tier" : $"tier '{overflow.PinnedTier}'")}. Shorten the conversation.")
    {
        Param = "messages",
    };

    private static bool TryReadMaxCost(HttpRequest request, out decimal? value, out RouterError? error)
    {
        value = null;
        error = null;
        string? header = request.Headers[MaxCostHeader].FirstOrDefault();
        if (header is null)
        {
            return true;
        }

        if (decimal.TryParse(header, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal parsed) && parsed > 0)
        {
            value = parsed;
            return true;
        }

        error = new RouterError(400, "invalid_max_cost", $"{MaxCostHeader} must be a positive USD amount such as 0.05; it is '{header}'.");
        return false;
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        context.Response.StatusCode = stored.StatusCode;
        context.Response.ContentType = stored.ContentType;
        RouteHeaders.Write(context.Response, stored.Headers);
        context.Response.Headers[RouteHeaders.IdempotentReplay] = "true";
        await context.Response.WriteAsync(stored.Body, context.RequestAborted);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using MemoryStream buffer = new();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static string Fingerprint(PathString path, byte[] body)
    {
        using IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(path.Value ?? ""));
        hash.AppendData("\n"u8);
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request {RequestId} of key {KeyId}: reserved ${Ceiling}, settled to ${Billed}.")]
    private static partial void LogSettled(ILogger logger, string requestId, string keyId, decimal ceiling, decimal billed);

    [LoggerMessage(Level = LogLevel.Information, Message = "The caller went away; the upstream call was cancelled and its billed part settled.")]
    private static partial void LogCallerLeft(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: the stream of tier {Tier} failed with {Cause} after output reached the caller; it ends with an error event and an aborted connection.")]
    private static partial void LogStreamInterrupted(ILogger logger, string? requestId, string tier, FailureCause cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "The router failed unexpectedly.")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
