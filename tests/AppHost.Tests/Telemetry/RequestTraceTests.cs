namespace Cascade.AppHost.Tests.Telemetry;

/// <summary>
/// One router request is one trace across processes: the router's HTTP server span, <c>cascade.request</c>, an attempt span
/// per provider call that is the parent of the provider HTTP client span, and the simulator's server span under that, with
/// the <c>gen_ai.*</c> attributes of the OpenTelemetry GenAI semantic conventions. The services export to an OTLP receiver
/// the test hosts.
/// </summary>
public sealed class RequestTraceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ARouterRequest_IsOneTrace_FromTheHttpRequestThroughEachAttemptToTheSimulator()
    {
        await using OtlpReceiver receiver = await OtlpReceiver.StartAsync();
        await using CascadeApp app = await CascadeApp.StartAsync(Token, builder => builder.ExportTelemetryTo(receiver.Address));

        string requestId = await app.AskAsync("How long does delivery take?", Token);

        ReceivedSpan cascade = await WaitForAsync(receiver, s => s.Service == "router" && s.Span.Name.StartsWith("cascade.request", StringComparison.Ordinal) && s.Attribute("cascade.request_id") == requestId);
        string Describe() => string.Join(Environment.NewLine, receiver.Spans.Where(s => s.TraceId == cascade.TraceId));

        ReceivedSpan server = await WaitForAsync(receiver, s => s.SpanId == cascade.ParentSpanId);
        server.Service.ShouldBe("router");
        server.Span.Kind.ShouldBe(OpenTelemetry.Proto.Trace.V1.Span.Types.SpanKind.Server, Describe());

        ReceivedSpan attempt = await WaitForAsync(receiver, s => s.ParentSpanId == cascade.SpanId && s.Attribute("gen_ai.request.model") is not null);
        attempt.Attribute("gen_ai.operation.name").ShouldBe("chat", Describe());
        attempt.Attribute("gen_ai.usage.input_tokens").ShouldNotBeNull(Describe());
        attempt.Attribute("gen_ai.usage.output_tokens").ShouldNotBeNull(Describe());

        ReceivedSpan providerCall = await WaitForAsync(receiver, s => s.TraceId == cascade.TraceId && s.ParentSpanId == attempt.SpanId && s.Span.Kind == OpenTelemetry.Proto.Trace.V1.Span.Types.SpanKind.Client);
        ReceivedSpan simulator = await WaitForAsync(receiver, s => s.Service == "simulator" && s.ParentSpanId == providerCall.SpanId);
        simulator.Span.Kind.ShouldBe(OpenTelemetry.Proto.Trace.V1.Span.Types.SpanKind.Server);

        // The router's Redis commands (key lookup, budget reserve and settle) are in the same trace.
        await WaitForAsync(receiver, s => s.TraceId == cascade.TraceId && s.Service == "router" && (s.Attribute("db.system") ?? s.Attribute("db.system.name")) == "redis");
    }

    [Fact]
    public async Task AFailingProvider_ShowsItsFailedAttemptSpan_BesideTheAttemptThatAnswered_WithTheCauseOfTheSwitch()
    {
        await using OtlpReceiver receiver = await OtlpReceiver.StartAsync();
        await using CascadeApp app = await CascadeApp.StartAsync(Token, builder => builder.ExportTelemetryTo(receiver.Address));
        var commands = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ResourceCommandService>(app.App.Services);
        (await commands.ExecuteCommandAsync("simulator", "fail-haiku", Token)).Success.ShouldBeTrue();

        string requestId = await app.AskAsync("How long does delivery take?", Token);

        ReceivedSpan cascade = await WaitForAsync(receiver, s => s.Span.Name.StartsWith("cascade.request", StringComparison.Ordinal) && s.Attribute("cascade.request_id") == requestId);
        ReceivedSpan failed = await WaitForAsync(receiver, s => s.ParentSpanId == cascade.SpanId && s.Attribute("cascade.attempt.outcome") == "failed");
        failed.Attribute("gen_ai.request.model").ShouldBe("claude-haiku-4-5-20251001");
        failed.Attribute("cascade.failure").ShouldNotBeNullOrEmpty();
        failed.Attribute("error.type").ShouldNotBeNullOrEmpty();
        failed.Span.Status.Code.ShouldBe(OpenTelemetry.Proto.Trace.V1.Status.Types.StatusCode.Error);

        ReceivedSpan answered = await WaitForAsync(receiver, s => s.ParentSpanId == cascade.SpanId && s.Attribute("cascade.attempt.outcome") is "accepted" or "kept");
        answered.Attribute("cascade.attempt.kind").ShouldBeOneOf("fallback", "escalation");
        answered.Attribute("cascade.cause").ShouldNotBeNullOrEmpty("the attempt after the failure says why it was made");
        answered.Attribute("gen_ai.request.model").ShouldNotBe("claude-haiku-4-5-20251001");

        // The attempt-started log line names the failing attempt as it begins, before its span ends.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Token);
        patience.CancelAfter(Patience);
        while (!receiver.Logs.Any(l => l.Service == "router" && l.Record.Body.StringValue.Contains($"Request {requestId}: attempt 1 started", StringComparison.Ordinal)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), patience.Token);
        }
    }

    private static async Task<ReceivedSpan> WaitForAsync(OtlpReceiver receiver, Func<ReceivedSpan, bool> match)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Token);
        patience.CancelAfter(Patience);
        while (true)
        {
            if (receiver.Spans.FirstOrDefault(match) is { } span)
            {
                return span;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), patience.Token);
            }
            catch (OperationCanceledException) when (!Token.IsCancellationRequested)
            {
                throw new TimeoutException($"No matching span arrived; received:{Environment.NewLine}{string.Join(Environment.NewLine, receiver.Spans)}");
            }
        }
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
