using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace Cascade.AppHost.Tests.Telemetry;

/// <summary>
/// An OTLP/HTTP (protobuf) receiver on loopback that keeps every span and log record the services export, each with the
/// <c>service.name</c> of the process that sent it. The testing builder hosts no dashboard to read them back from.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Gets the receiver's base address, for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri Address { get; }

    /// <summary>Gets every span received, with its service.</summary>
    public ConcurrentQueue<ReceivedSpan> Spans { get; } = new();

    /// <summary>Gets every log record received, with its service.</summary>
    public ConcurrentQueue<ReceivedLog> Logs { get; } = new();

    /// <summary>Starts a receiver on 127.0.0.1 and a free port.</summary>
    public static async Task<OtlpReceiver> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        OtlpReceiver? receiver = null;
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.Parser.ParseFrom(await ReadAsync(context));
            foreach (var resourceSpans in request.ResourceSpans)
            {
                string service = ServiceName(resourceSpans.Resource);
                foreach (var span in resourceSpans.ScopeSpans.SelectMany(s => s.Spans))
                {
                    receiver!.Spans.Enqueue(new ReceivedSpan(service, span));
                }
            }

            return Results.Bytes(new ExportTraceServiceResponse().ToByteArray(), "application/x-protobuf");
        });
        app.MapPost("/v1/logs", async (HttpContext context) =>
        {
            ExportLogsServiceRequest request = ExportLogsServiceRequest.Parser.ParseFrom(await ReadAsync(context));
            foreach (var resourceLogs in request.ResourceLogs)
            {
                string service = ServiceName(resourceLogs.Resource);
                foreach (var record in resourceLogs.ScopeLogs.SelectMany(s => s.LogRecords))
                {
                    receiver!.Logs.Enqueue(new ReceivedLog(service, record));
                }
            }

            return Results.Bytes(new ExportLogsServiceResponse().ToByteArray(), "application/x-protobuf");
        });
        app.MapPost("/v1/metrics", () => Results.Bytes([], "application/x-protobuf"));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new OtlpReceiver(app, new Uri(address));
        return receiver;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<byte[]> ReadAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    private static string ServiceName(OpenTelemetry.Proto.Resource.V1.Resource? resource) =>
        resource?.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value.StringValue ?? "";
}

/// <summary>A span the receiver got, with the service that sent it.</summary>
/// <param name="Service">The sender's <c>service.name</c>.</param>
/// <param name="Span">The span.</param>
public sealed record ReceivedSpan(string Service, OpenTelemetry.Proto.Trace.V1.Span Span)
{
    /// <summary>Gets the span's id as hex.</summary>
    public string SpanId => Convert.ToHexStringLower(Span.SpanId.Span);

    /// <summary>Gets the parent's span id as hex, empty for a root span.</summary>
    public string ParentSpanId => Convert.ToHexStringLower(Span.ParentSpanId.Span);

    /// <summary>Gets the trace id as hex.</summary>
    public string TraceId => Convert.ToHexStringLower(Span.TraceId.Span);

    /// <summary>Returns a string attribute's value, or <see langword="null"/>.</summary>
    public string? Attribute(string key) => Span.Attributes.FirstOrDefault(a => a.Key == key)?.Value switch
    {
        null => null,
        { ValueCase: OpenTelemetry.Proto.Common.V1.AnyValue.ValueOneofCase.StringValue } v => v.StringValue,
        { ValueCase: OpenTelemetry.Proto.Common.V1.AnyValue.ValueOneofCase.IntValue } v => v.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        { ValueCase: OpenTelemetry.Proto.Common.V1.AnyValue.ValueOneofCase.DoubleValue } v => v.DoubleValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        { ValueCase: OpenTelemetry.Proto.Common.V1.AnyValue.ValueOneofCase.BoolValue } v => v.BoolValue ? "true" : "false",
        { } v => v.ToString(),
    };

    /// <inheritdoc/>
    public override string ToString() => $"{Service}: {Span.Name} ({SpanId} <- {ParentSpanId})";
}

/// <summary>A log record the receiver got, with the service that sent it.</summary>
/// <param name="Service">The sender's <c>service.name</c>.</param>
/// <param name="Record">The log record.</param>
public sealed record ReceivedLog(string Service, OpenTelemetry.Proto.Logs.V1.LogRecord Record);
