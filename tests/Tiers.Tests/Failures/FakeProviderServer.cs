using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cascade.Tests.Failures;

/// <summary>
/// A minimal provider imitation on Kestrel (127.0.0.1, port 0) speaking the Anthropic Messages API
/// (<c>/v1/messages</c>) and the OpenAI Chat Completions API (<c>/v1/chat/completions</c>): each call runs the next
/// scripted <see cref="Reply"/> (the last one repeats), in the providers' real success, error and streaming shapes.
/// It counts calls and records the text it actually sent, so tests can check upstream calls and billed tokens.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<Reply> _script = [];
    private readonly ConcurrentQueue<ServedCall> _served = new();
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _callWaiters = [];
    private int _calls;

    private FakeProviderServer(WebApplication app)
    {
        _app = app;
        app.MapPost("/v1/messages", context => ServeAsync(context, Protocol.Anthropic));
        app.MapPost("/v1/chat/completions", context => ServeAsync(context, Protocol.OpenAI));
    }

    /// <summary>One scripted answer.</summary>
    public delegate Task Reply(ReplyContext context);

    /// <summary>The wire protocols served.</summary>
    public enum Protocol
    {
        /// <summary>Anthropic Messages.</summary>
        Anthropic,

        /// <summary>OpenAI Chat Completions.</summary>
        OpenAI,
    }

    /// <summary>Gets the base URL (<c>http://127.0.0.1:PORT</c>).</summary>
    public string Url { get; private set; } = "";

    /// <summary>Gets the number of calls received.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Gets every call served so far.</summary>
    public IReadOnlyList<ServedCall> Served => _served.ToArray();

    /// <summary>Gets or sets a signal the <see cref="CutStreamWhenSignalled"/> and <see cref="StreamThenHang"/> replies wait on.</summary>
    public TaskCompletionSource CutSignal { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets a task completed when a request was aborted (by the client, or by a reply that drops the connection).</summary>
    public TaskCompletionSource ClientAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeProviderServer> StartAsync(params Reply[] script)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var server = new FakeProviderServer(builder.Build());
        server._script.AddRange(script);
        await server._app.StartAsync();
        server.Url = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    /// <summary>Replaces the script.</summary>
    public FakeProviderServer Script(params Reply[] replies)
    {
        lock (_lock)
        {
            _script.Clear();
            _script.AddRange(replies);
        }

        return this;
    }

    /// <summary>Completes when at least <paramref name="count"/> calls have arrived.</summary>
    public Task WaitForCallsAsync(int count)
    {
        lock (_lock)
        {
            if (_calls >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _callWaiters.Add((count, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        CutSignal.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // ---- Replies -------------------------------------------------------------------------------------------

    /// <summary>A text answer with provider-reported usage (streamed when the request asks to stream).</summary>
    public static Reply Text(string text, int inputTokens = 12, int outputTokens = 5) => context =>
        context.Streaming ? context.StreamAsync([text], inputTokens, outputTokens, finish: true, stopReason: null) : context.WriteMessageAsync(text, inputTokens, outputTokens, stopReason: null);

    /// <summary>A text answer streamed in the given chunks, with usage at the end.</summary>
    public static Reply Chunks(int inputTokens, int outputTokens, params string[] chunks) => context =>
        context.StreamAsync(chunks, inputTokens, outputTokens, finish: true, stopReason: null);

    /// <summary>A 200 with no text and no tool call.</summary>
    public static Reply Empty(int inputTokens = 12) => context =>
        context.Streaming ? context.StreamAsync([], inputTokens, 0, finish: true, stopReason: null) : context.WriteMessageAsync(null, inputTokens, 0, stopReason: null);

    /// <summary>A refusal: Anthropic's <c>refusal</c> stop reason, OpenAI's <c>content_filter</c> finish reason.</summary>
    public static Reply Refusal(int inputTokens = 12) => context =>
        context.Streaming ? context.StreamAsync([], inputTokens, 0, finish: true, stopReason: "refusal") : context.WriteMessageAsync(null, inputTokens, 0, stopReason: "refusal");

    /// <summary>An error in the provider's own shape.</summary>
    public static Reply Error(int status, string anthropicType, string openAIType, string message, string? code = null, string? retryAfter = null) => context =>
        context.WriteErrorAsync(status, anthropicType, openAIType, message, code, retryAfter);

    /// <summary>HTTP 429 with a Retry-After in seconds.</summary>
    public static Reply RateLimited(string? retryAfter = "1") =>
        Error(429, "rate_limit_error", "rate_limit_exceeded", "Rate limit reached for requests.", "rate_limit_exceeded", retryAfter);

    /// <summary>HTTP 500.</summary>
    public static Reply ServerError() => Error(500, "api_error", "server_error", "Internal server error.");

    /// <summary>HTTP 529 (Anthropic overloaded); OpenAI-compatible servers say 503 overloaded.</summary>
    public static Reply Overloaded() => context => context.Protocol == Protocol.Anthropic
        ? context.WriteErrorAsync(529, "overloaded_error", "", "Overloaded", null, null)
        : context.WriteErrorAsync(503, "", "server_error", "The engine is currently overloaded, please try again later.", null, null);

    /// <summary>HTTP 400, a request error.</summary>
    public static Reply BadRequest() => Error(400, "invalid_request_error", "invalid_request_error", "messages: roles must alternate between \"user\" and \"assistant\".", "invalid_value");

    /// <summary>HTTP 401.</summary>
    public static Reply Unauthorized() => Error(401, "authentication_error", "invalid_request_error", "invalid x-api-key", "invalid_api_key");

    /// <summary>HTTP 403.</summary>
    public static Reply Forbidden() => Error(403, "permission_error", "invalid_request_error", "Your API key does not have permission to use the specified resource.", "permission_denied");

    /// <summary>HTTP 404.</summary>
    public static Reply NotFound() => Error(404, "not_found_error", "invalid_request_error", "model: claude-nope", "model_not_found");

    /// <summary>HTTP 400 because the prompt does not fit the context window.</summary>
    public static Reply PromptTooLong() => context => context.Protocol == Protocol.Anthropic
        ? context.WriteErrorAsync(400, "invalid_request_error", "", "prompt is too long: 215000 tokens > 200000 maximum", null, null)
        : context.WriteErrorAsync(400, "", "invalid_request_error", "This model's maximum context length is 128000 tokens. However, your messages resulted in 215000 tokens.", "context_length_exceeded", null);

    /// <summary>Starts an Anthropic stream, then sends an <c>overloaded_error</c> event before any content.</summary>
    public static Reply OverloadedMidStream(int inputTokens = 12) => async context =>
    {
        await context.StreamAsync([], inputTokens, 0, finish: false, stopReason: null);
        await context.Http.Response.WriteAsync("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
        await context.Http.Response.Body.FlushAsync();
    };

    /// <summary>Never answers (no header) until the client gives up.</summary>
    public static Reply Hang() => context => context.HangAsync();

    /// <summary>Sends 200 headers, then nothing until the client gives up: the provider accepted the call.</summary>
    public static Reply HeadersThenHang() => async context =>
    {
        context.Http.Response.StatusCode = 200;
        context.Http.Response.ContentType = "application/json";
        await context.Http.Response.StartAsync();
        await context.Http.Response.Body.FlushAsync();
        await context.HangAsync();
    };

    /// <summary>Drops the connection after reading the request, before any response.</summary>
    public static Reply Reset() => context =>
    {
        context.Http.Abort();
        return Task.CompletedTask;
    };

    /// <summary>Streams the chunks, then drops the connection once <see cref="CutSignal"/> is set.</summary>
    public static Reply CutStreamWhenSignalled(int inputTokens, params string[] chunks) => async context =>
    {
        await context.StreamAsync(chunks, inputTokens, 0, finish: false, stopReason: null);
        await context.Server.CutSignal.Task.WaitAsync(TimeSpan.FromSeconds(30));
        context.Http.Abort();
    };

    /// <summary>Streams the chunks, then hangs until the client gives up.</summary>
    public static Reply StreamThenHang(int inputTokens, params string[] chunks) => async context =>
    {
        await context.StreamAsync(chunks, inputTokens, 0, finish: false, stopReason: null);
        await context.HangAsync();
    };

    private async Task ServeAsync(HttpContext http, Protocol protocol)
    {
        Reply reply;
        int index;
        lock (_lock)
        {
            index = _calls;
            _calls++;
            reply = _script[Math.Min(index, _script.Count - 1)];
            foreach ((int count, TaskCompletionSource signal) in _callWaiters.Where(w => w.Count <= _calls).ToArray())
            {
                signal.TrySetResult();
                _callWaiters.Remove((count, signal));
            }
        }

        // The client may give up at any point, even while the request body is still being read.
        using CancellationTokenRegistration aborted = http.RequestAborted.Register(() => ClientAborted.TrySetResult());
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        JsonNode body = JsonNode.Parse(await reader.ReadToEndAsync()) ?? new JsonObject();
        var context = new ReplyContext(this, http, protocol, body);
        _served.Enqueue(new ServedCall(index, protocol, body, context.SentText));
        await reply(context);
    }

    /// <summary>One call the server served: what came in and what text went out (so far).</summary>
    public sealed record ServedCall(int Index, Protocol Protocol, JsonNode Body, StringBuilder Sent)
    {
        /// <summary>Gets the answer text written to the wire so far.</summary>
        public string SentText
        {
            get
            {
                lock (Sent)
                {
                    return Sent.ToString();
                }
            }
        }
    }

    /// <summary>What a reply writes to.</summary>
    public sealed class ReplyContext(FakeProviderServer server, HttpContext http, Protocol protocol, JsonNode body)
    {
        private static readonly JsonSerializerOptions s_json = new() { WriteIndented = false };

        public FakeProviderServer Server { get; } = server;

        public HttpContext Http { get; } = http;

        public Protocol Protocol { get; } = protocol;

        public JsonNode Body { get; } = body;

        public bool Streaming => Body["stream"]?.GetValue<bool>() == true;

        public StringBuilder SentText { get; } = new();

        public string Model => Body["model"]?.GetValue<string>() ?? "model";

        private void AppendSent(string? text)
        {
            lock (SentText)
            {
                SentText.Append(text);
            }
        }

        public async Task HangAsync()
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, Http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up; ServeAsync's registration has signalled it.
            }
        }

        public Task WriteMessageAsync(string? text, int inputTokens, int outputTokens, string? stopReason)
        {
            AppendSent(text);
            JsonNode json = Protocol == Protocol.Anthropic
                ? new JsonObject
                {
                    ["id"] = "msg_01",
                    ["type"] = "message",
                    ["role"] = "assistant",
                    ["model"] = Model,
                    ["content"] = text is null ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
                    ["stop_reason"] = stopReason ?? "end_turn",
                    ["stop_sequence"] = null,
                    ["usage"] = new JsonObject { ["input_tokens"] = inputTokens, ["output_tokens"] = outputTokens },
                }
                : new JsonObject
                {
                    ["id"] = "chatcmpl-01",
                    ["object"] = "chat.completion",
                    ["created"] = 1_764_547_200,
                    ["model"] = Model,
                    ["choices"] = new JsonArray(new JsonObject
                    {
                        ["index"] = 0,
                        ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text, ["refusal"] = null },
                        ["finish_reason"] = stopReason is "refusal" ? "content_filter" : "stop",
                    }),
                    ["usage"] = new JsonObject { ["prompt_tokens"] = inputTokens, ["completion_tokens"] = outputTokens, ["total_tokens"] = inputTokens + outputTokens },
                };
            Http.Response.StatusCode = 200;
            Http.Response.ContentType = "application/json";
            if (Protocol == Protocol.Anthropic)
            {
                Http.Response.Headers["request-id"] = "req_01";
            }

            return Http.Response.WriteAsync(json.ToJsonString(s_json));
        }

        public async Task WriteErrorAsync(int status, string anthropicType, string openAIType, string message, string? code, string? retryAfter)
        {
            Http.Response.StatusCode = status;
            Http.Response.ContentType = "application/json";
            if (retryAfter is not null)
            {
                Http.Response.Headers["retry-after"] = retryAfter;
            }

            JsonNode json = Protocol == Protocol.Anthropic
                ? new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = anthropicType, ["message"] = message }, ["request_id"] = "req_01" }
                : new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = openAIType, ["param"] = null, ["code"] = code } };
            await Http.Response.WriteAsync(json.ToJsonString(s_json));
        }

        public async Task StreamAsync(IReadOnlyList<string> chunks, int inputTokens, int outputTokens, bool finish, string? stopReason)
        {
            Http.Response.StatusCode = 200;
            Http.Response.ContentType = "text/event-stream";
            Http.Response.Headers.CacheControl = "no-cache";
            if (Protocol == Protocol.Anthropic)
            {
                await EventAsync("message_start", new JsonObject
                {
                    ["type"] = "message_start",
                    ["message"] = new JsonObject
                    {
                        ["id"] = "msg_01",
                        ["type"] = "message",
                        ["role"] = "assistant",
                        ["model"] = Model,
                        ["content"] = new JsonArray(),
                        ["stop_reason"] = null,
                        ["stop_sequence"] = null,
                        ["usage"] = new JsonObject { ["input_tokens"] = inputTokens, ["output_tokens"] = 1 },
                    },
                });
                if (chunks.Count > 0)
                {
                    await EventAsync("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" } });
                }

                foreach (string chunk in chunks)
                {
                    AppendSent(chunk);
                    await EventAsync("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = chunk } });
                }

                if (!finish)
                {
                    return;
                }

                if (chunks.Count > 0)
                {
                    await EventAsync("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });
                }

                await EventAsync("message_delta", new JsonObject
                {
                    ["type"] = "message_delta",
                    ["delta"] = new JsonObject { ["stop_reason"] = stopReason ?? "end_turn", ["stop_sequence"] = null },
                    ["usage"] = new JsonObject { ["output_tokens"] = outputTokens },
                });
                await EventAsync("message_stop", new JsonObject { ["type"] = "message_stop" });
                return;
            }

            bool first = true;
            foreach (string chunk in chunks)
            {
                AppendSent(chunk);
                await DataAsync(Chunk(first ? new JsonObject { ["role"] = "assistant", ["content"] = chunk } : new JsonObject { ["content"] = chunk }, null));
                first = false;
            }

            if (!finish)
            {
                return;
            }

            await DataAsync(Chunk(first ? new JsonObject { ["role"] = "assistant", ["content"] = "" } : new JsonObject(), stopReason is "refusal" ? "content_filter" : "stop"));
            JsonObject usage = Chunk(null, null);
            usage["choices"] = new JsonArray();
            usage["usage"] = new JsonObject { ["prompt_tokens"] = inputTokens, ["completion_tokens"] = outputTokens, ["total_tokens"] = inputTokens + outputTokens };
            await DataAsync(usage);
            await Http.Response.WriteAsync("data: [DONE]\n\n");
            await Http.Response.Body.FlushAsync();
        }

        private JsonObject Chunk(JsonObject? delta, string? finishReason)
        {
            var chunk = new JsonObject
            {
                ["id"] = "chatcmpl-01",
                ["object"] = "chat.completion.chunk",
                ["created"] = 1_764_547_200,
                ["model"] = Model,
            };
            if (delta is not null)
            {
                chunk["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason });
            }

            return chunk;
        }

        private async Task EventAsync(string name, JsonNode data)
        {
            await Http.Response.WriteAsync($"event: {name}\ndata: {data.ToJsonString(s_json)}\n\n");
            await Http.Response.Body.FlushAsync();
        }

        private async Task DataAsync(JsonNode data)
        {
            await Http.Response.WriteAsync($"data: {data.ToJsonString(s_json)}\n\n");
            await Http.Response.Body.FlushAsync();
        }
    }
}
