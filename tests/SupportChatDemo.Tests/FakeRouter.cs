using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cascade.SupportChatDemo.Tests;

/// <summary>
/// An OpenAI-compatible imitation of the cascade router on Kestrel (127.0.0.1, port 0): answers order questions with a
/// tool call first (from the cheap tier), then, once the tool result comes back, with an answer quoting it (from the
/// strong tier after an escalation); other questions get one answer. Every answer carries <c>x-cascade-*</c> headers.
/// </summary>
public sealed class FakeRouter : IAsyncDisposable
{
    public const string ApiKey = "csk_test_demo";

    private readonly WebApplication _app;

    private FakeRouter(WebApplication app) => _app = app;

    /// <summary>Gets the request bodies received, in order.</summary>
    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <summary>Gets or sets the status to refuse every request with; <see langword="null"/> answers normally.</summary>
    public HttpStatusCode? RefuseWith { get; set; }

    /// <summary>Gets or sets a value indicating whether requests hang until the caller gives up.</summary>
    public bool Hang { get; set; }

    public Uri Address { get; private set; } = null!;

    public static async Task<FakeRouter> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeRouter router = new(app);
        app.MapPost("/v1/chat/completions", router.HandleAsync);
        app.MapGet("/v1/requests/{id}", router.HandleLogAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        router.Address = new Uri(address);
        return router;
    }

    private async Task HandleAsync(HttpContext context)
    {
        JsonObject body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        Requests.Enqueue(body);
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + ApiKey)
        {
            await WriteErrorAsync(context, HttpStatusCode.Unauthorized, "invalid_api_key", "The API key is not valid.");
            return;
        }

        if (Hang)
        {
            // Waits for the caller to drop the connection; the test never waits on a clock itself.
            TaskCompletionSource aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
            using (context.RequestAborted.Register(() => aborted.TrySetResult()))
            {
                await aborted.Task;
            }

            return;
        }

        if (RefuseWith is { } status)
        {
            await WriteErrorAsync(context, status, "refused", "Refused by the test.");
            return;
        }

        JsonArray messages = body["messages"]!.AsArray();
        JsonObject last = messages[^1]!.AsObject();
        string? toolName = body["tools"]?.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).FirstOrDefault(n => n.Contains("order", StringComparison.Ordinal));
        string lastText = last["content"]?.ToString() ?? "";

        JsonObject message;
        string finishReason;
        if (last["role"]!.GetValue<string>() == "tool")
        {
            Headers(context, "req-2", "strong", "strong-model-1", attempts: 2, escalations: 1, fallbacks: 0, "0.0021");
            message = new JsonObject { ["role"] = "assistant", ["content"] = "Your order status from the store: " + lastText };
            finishReason = "stop";
        }
        else if (toolName is not null && lastText.Contains("order", StringComparison.OrdinalIgnoreCase))
        {
            Headers(context, "req-1", "cheap", "cheap-model-1", attempts: 1, escalations: 0, fallbacks: 0, "0.00012");
            message = new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = null,
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = "call_1",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = toolName, ["arguments"] = "{\"order_id\":\"A12345\"}" },
                }),
            };
            finishReason = "tool_calls";
        }
        else
        {
            Headers(context, "req-3", "middle", "middle-model-1", attempts: 2, escalations: 0, fallbacks: 1, "0.0005");
            message = new JsonObject { ["role"] = "assistant", ["content"] = "Returns are free within 30 days." };
            finishReason = "stop";
        }

        JsonObject response = new()
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1_764_547_200,
            ["model"] = "cascade",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 50, ["completion_tokens"] = 12, ["total_tokens"] = 62 },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString());
    }

    /// <summary>Gets the attempt-log requests received (request ids), in order.</summary>
    public ConcurrentQueue<string> LogRequests { get; } = new();

    // The router's GET /v1/requests/{id} shape (camelCase, enums as strings); only req-2, the escalated answer, is logged.
    private async Task HandleLogAsync(HttpContext context, string id)
    {
        LogRequests.Enqueue(id);
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + ApiKey)
        {
            await WriteErrorAsync(context, HttpStatusCode.Unauthorized, "invalid_api_key", "The API key is not valid.");
            return;
        }

        if (id != "req-2")
        {
            await WriteErrorAsync(context, HttpStatusCode.NotFound, "request_not_found", $"No request '{id}' of this key is in the attempt log.");
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""
            {"requestId":"req-2","totalCost":0.0021,"inputTokens":100,"outputTokens":30,"attempts":[
              {"requestId":"req-2","sequence":0,"tier":"cheap","deployment":"cheap-1","provider":"sim","model":"cheap-model-1","kind":"Initial","outcome":"Rejected","billed":true,"cost":0.0001,"startedAt":"2026-12-01T00:00:00+00:00","duration":"00:00:00.2","verdict":{"gate":"doubt","decision":"reject","reason":"hedged: I'm not sure"},"verdicts":[]},
              {"requestId":"req-2","sequence":1,"tier":"strong","deployment":"strong-1","provider":"sim","model":"strong-model-1","kind":"Escalation","switchCause":"gate_rejected","outcome":"Accepted","billed":true,"cost":0.002,"startedAt":"2026-12-01T00:00:01+00:00","duration":"00:00:00.9","verdict":{"gate":"doubt","decision":"accept"},"verdicts":[]}
            ]}
            """);
    }

    private static void Headers(HttpContext context, string requestId, string tier, string model, int attempts, int escalations, int fallbacks, string cost)
    {
        var headers = context.Response.Headers;
        headers["x-cascade-request-id"] = requestId;
        headers["x-cascade-tier"] = tier;
        headers["x-cascade-model"] = model;
        headers["x-cascade-attempts"] = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["x-cascade-escalations"] = escalations.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["x-cascade-fallbacks"] = fallbacks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["x-cascade-cost-usd"] = cost;
    }

    private static async Task WriteErrorAsync(HttpContext context, HttpStatusCode status, string code, string message)
    {
        context.Response.StatusCode = (int)status;
        context.Response.Headers["x-should-retry"] = "false";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { message, type = "invalid_request_error", code } }));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
