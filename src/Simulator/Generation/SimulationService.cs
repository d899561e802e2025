using System.Globalization;
using Cascade.Simulator.Answers;
using Cascade.Simulator.Billing;
using Cascade.Simulator.Configuration;
using Cascade.Simulator.Faults;
using Microsoft.Extensions.Options;

namespace Cascade.Simulator.Generation;

/// <summary>
/// The part of a call both APIs share: the key, the request id, the fault, the billing, the latency and the answer.
/// </summary>
internal sealed partial class SimulationService
{
    private readonly SimulatorOptions _options;
    private readonly HashSet<string> _keys;
    private readonly FaultRegistry _faults;
    private readonly BillingLedger _ledger;
    private readonly AnswerEngine _answers;
    private readonly TimeProvider _time;
    private readonly ILogger<SimulationService> _logger;

    public SimulationService(IOptions<SimulatorOptions> options, FaultRegistry faults, BillingLedger ledger, AnswerEngine answers, TimeProvider time, ILogger<SimulationService> logger)
    {
        _options = options.Value;
        _keys = new HashSet<string>(_options.ApiKeys, StringComparer.Ordinal);
        _faults = faults;
        _ledger = ledger;
        _answers = answers;
        _time = time;
        _logger = logger;
    }

    public TokenCounter Tokens { get; } = TokenCounter.Default;

    public BillingLedger Ledger => _ledger;

    public TimeProvider Time => _time;

    /// <summary>Reads the API key from <c>x-api-key</c> or <c>Authorization: Bearer</c>.</summary>
    /// <returns>The key, or <see langword="null"/> with <paramref name="problem"/> when it is missing or not accepted.</returns>
    public string? Authenticate(HttpRequest request, out string? problem)
    {
        string? key = request.Headers[SimulatorHeaders.ApiKey].ToString();
        if (string.IsNullOrWhiteSpace(key))
        {
            string authorization = request.Headers.Authorization.ToString();
            key = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
        }

        if (string.IsNullOrWhiteSpace(key))
        {
            problem = "No API key: send it as the x-api-key header or as Authorization: Bearer <key>.";
            return null;
        }

        if (_keys.Count > 0 && !_keys.Contains(key))
        {
            problem = "invalid x-api-key";
            return null;
        }

        problem = null;
        return key;
    }

    /// <summary>Gets the request id from <c>x-cascade-request-id</c> or <c>x-request-id</c>, or makes one.</summary>
    public static string RequestId(HttpRequest request)
    {
        string id = request.Headers[SimulatorHeaders.CascadeRequestId].ToString();
        if (string.IsNullOrWhiteSpace(id))
        {
            id = request.Headers[SimulatorHeaders.RequestId].ToString();
        }

        return string.IsNullOrWhiteSpace(id) ? "req_" + Guid.NewGuid().ToString("N")[..24] : id.Trim();
    }

    /// <summary>Chooses the fault of this call: the <c>x-sim-fault</c> header first, else the model's standing fault.</summary>
    public bool TryResolveFault(HttpRequest request, string model, out FaultSpec? fault, out string? problem)
    {
        problem = null;
        string header = request.Headers[SimulatorHeaders.Fault].ToString();
        if (!string.IsNullOrWhiteSpace(header))
        {
            if (!_options.AllowFaultHeader)
            {
                fault = null;
                problem = $"{SimulatorHeaders.Fault} is turned off on this simulator (Simulator:AllowFaultHeader).";
                return false;
            }

            if (!FaultSpec.TryParse(header, out fault, out string? error))
            {
                problem = $"{SimulatorHeaders.Fault}: {error}";
                return false;
            }

            return true;
        }

        fault = _faults.Next(model);
        return true;
    }

    /// <summary>Runs an admitted call to its end: faults, acceptance, latency, answer and billing.</summary>
    public async Task RunAsync(HttpContext context, SimulatedCall call, IApiDialect dialect)
    {
        LedgerEntry entry = call.Entry;
        FaultSpec? fault = call.Fault;
        CancellationToken aborted = context.RequestAborted;
        switch (fault?.Kind)
        {
            case FaultKind.RateLimited:
                context.Response.Headers.RetryAfter = (fault.RetryAfterSeconds ?? FaultSpec.DefaultRetryAfterSeconds).ToString(CultureInfo.InvariantCulture);
                await RejectAsync(context, entry, dialect, 429, "Rate limit exceeded for this model (simulated). Retry after the time in the retry-after header.", "rate_limit_exceeded");
                return;
            case FaultKind.ServerError:
                await RejectAsync(context, entry, dialect, 500, "Internal server error (simulated).", null);
                return;
            case FaultKind.Overloaded:
                if (fault.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                await RejectAsync(context, entry, dialect, 529, "Overloaded (simulated).", "overloaded");
                return;
            case FaultKind.ConnectionReset:
                _ledger.Finish(entry, LedgerOutcome.Reset, 0);
                context.Abort();
                return;
        }

        entry.Accept(call.InputTokens);
        if (fault?.Kind == FaultKind.Hang)
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, aborted);
            }
            catch (OperationCanceledException)
            {
            }

            _ledger.Finish(entry, LedgerOutcome.ClientDisconnected, 0);
            return;
        }

        try
        {
            SimulatedAnswer answer = fault?.Kind switch
            {
                FaultKind.EmptyAnswer => new SimulatedAnswer { Text = string.Empty, Logprob = 0 },
                FaultKind.Refusal => new SimulatedAnswer { Text = AnswerEngine.RefusalText, Logprob = -0.01 },
                _ => _answers.Answer(call.Model, call.Messages, call.Options),
            };

            OutputPlan plan = OutputPlan.Create(answer, call.MaxTokens, call.Options.StopSequences, Tokens, refusal: fault?.Kind == FaultKind.Refusal);
            TimeSpan firstToken = call.Model.TimeToFirstToken + (fault?.Kind == FaultKind.SlowFirstToken ? TimeSpan.FromMilliseconds(fault.DelayMs) : TimeSpan.Zero);
            if (call.Stream)
            {
                await StreamAsync(context, call, plan, firstToken, dialect);
            }
            else
            {
                await RespondAsync(context, call, plan, firstToken, dialect);
            }
        }
        catch (Exception ex) when (ex is not StreamCutException && (ex is OperationCanceledException or IOException || aborted.IsCancellationRequested))
        {
            LogClientGone(_logger, entry.RequestId, entry.OutputTokens);
            _ledger.Finish(entry, LedgerOutcome.ClientDisconnected, 200);
        }
        catch (Exception ex) when (ex is not StreamCutException)
        {
            // A bug must still leave the ledger final and the client an answer in the API's shape.
            LogFailed(_logger, entry.RequestId, ex);
            _ledger.Finish(entry, LedgerOutcome.Failed, 500);
            if (!context.Response.HasStarted)
            {
                await dialect.WriteErrorAsync(context, 500, "The simulator failed while answering; see its log.");
            }
            else
            {
                throw;
            }
        }
    }

    private async Task RespondAsync(HttpContext context, SimulatedCall call, OutputPlan plan, TimeSpan firstToken, IApiDialect dialect)
    {
        LedgerEntry entry = call.Entry;
        await LatencyClock.DelayAsync(_time, firstToken + call.Model.GenerationTime(plan.OutputTokens), context.RequestAborted);
        byte[] body = dialect.SerializeResponse(call, plan);
        HttpResponse response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        switch (call.Fault?.Kind)
        {
            case FaultKind.StreamCut:
                // Half a body, then the connection drops: the client never gets a usable answer, so no output is billed.
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
                _ledger.Finish(entry, LedgerOutcome.CutOff, 200);
                throw new StreamCutException();
            case FaultKind.MalformedBody:
                body = [.. body.AsSpan(0, body.Length - 1), .. ",\"<"u8];
                break;
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);
        entry.AddOutput(plan.OutputTokens);
        _ledger.Finish(entry, LedgerOutcome.Completed, 200);
    }

    private async Task StreamAsync(HttpContext context, SimulatedCall call, OutputPlan plan, TimeSpan firstToken, IApiDialect dialect)
    {
        HttpResponse response = context.Response;
        response.StatusCode = 200;
        response.ContentType = Protocol.Sse.SseWriter.ContentType;
        response.Headers.CacheControl = "no-cache";
        long cutAt = call.Fault?.Kind == FaultKind.StreamCut ? call.Fault.AfterTokens ?? (plan.OutputTokens / 2) : long.MaxValue;
        long stallAt = call.Fault?.Kind == FaultKind.Stall ? call.Fault.AfterTokens ?? (plan.OutputTokens / 2) : long.MaxValue;
        long malformedAt = call.Fault is { Kind: FaultKind.MalformedBody, AfterTokens: { } after } ? after : long.MaxValue;
        var session = new StreamSession(context, call.Entry, _time, firstToken, cutAt, call.Fault is { Kind: FaultKind.MalformedBody, AfterTokens: null }, stallAt, malformedAt);
        try
        {
            await dialect.StreamAsync(session, call, plan);
        }
        catch (StreamCutException)
        {
            _ledger.Finish(call.Entry, LedgerOutcome.CutOff, 200);
            throw;
        }

        _ledger.Finish(call.Entry, LedgerOutcome.Completed, 200);
    }

    /// <summary>Answers with an error before acceptance: nothing is billed.</summary>
    public async Task RejectAsync(HttpContext context, LedgerEntry? entry, IApiDialect dialect, int status, string message, string? code, string? param = null)
    {
        if (entry is not null)
        {
            _ledger.Finish(entry, LedgerOutcome.Rejected, status);
        }

        await dialect.WriteErrorAsync(context, status, message, code, param);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId}: the simulator failed while answering.")]
    private static partial void LogFailed(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request {RequestId}: the client went away after {OutputTokens} output tokens.")]
    private static partial void LogClientGone(ILogger logger, string requestId, long outputTokens);
}
