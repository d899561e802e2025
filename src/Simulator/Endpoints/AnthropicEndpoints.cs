using System.Text.Json;
using Cascade.Protocol;
using Cascade.Protocol.Anthropic;
using Cascade.Protocol.Conversion;
using Cascade.Simulator.Faults;
using Cascade.Simulator.Generation;
using Cascade.Simulator.Models;
using Microsoft.Extensions.AI;

namespace Cascade.Simulator.Endpoints;

/// <summary>Maps the Anthropic Messages API: <c>POST /v1/messages</c>.</summary>
internal static class AnthropicEndpoints
{
    public static IEndpointRouteBuilder MapAnthropicApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/messages", HandleAsync).WithName("AnthropicMessages").DisableAntiforgery();
        app.MapPost("/v1/messages/count_tokens", CountTokensAsync).WithName("AnthropicCountTokens").DisableAntiforgery();
        return app;
    }

    /// <summary>Counts the input tokens a Messages request would be billed, without running it (nothing is billed).</summary>
    private static async Task CountTokensAsync(HttpContext context, SimulationService simulation, ModelCatalog models)
    {
        AnthropicDialect dialect = AnthropicDialect.Instance;
        if (simulation.Authenticate(context.Request, out string? authProblem) is null)
        {
            await dialect.WriteErrorAsync(context, 401, authProblem!);
            return;
        }

        if (await ReadRequestAsync(context, dialect) is not { } request)
        {
            return;
        }

        // count_tokens takes no max_tokens.
        request.MaxTokens ??= 1;
        if (request.Validate() is { } problem)
        {
            await dialect.WriteErrorAsync(context, 400, problem);
            return;
        }

        if (models.Find(request.Model) is null)
        {
            await dialect.WriteErrorAsync(context, 404, $"model: {request.Model}");
            return;
        }

        try
        {
            (List<ChatMessage> messages, ChatOptions options) = AnthropicChatConversion.ToChat(request);
            options.MaxOutputTokens = null;
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, new AnthropicTokenCount { InputTokens = simulation.Tokens.CountInput(messages, options) }, ProtocolJsonContext.Wire.AnthropicTokenCount, context.RequestAborted);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await dialect.WriteErrorAsync(context, 400, ex.Message);
        }
    }

    /// <summary>Reads a Messages request body; on malformed JSON or a non-object writes the API's 400 and returns <see langword="null"/>.</summary>
    private static async Task<AnthropicMessagesRequest?> ReadRequestAsync(HttpContext context, AnthropicDialect dialect)
    {
        AnthropicMessagesRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, ProtocolJsonContext.Wire.AnthropicMessagesRequest, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            await dialect.WriteErrorAsync(context, 400, $"The request body is not valid JSON for the Messages API: {ex.Message}");
            return null;
        }

        if (request is null)
        {
            await dialect.WriteErrorAsync(context, 400, "The request body must be a JSON object.");
        }

        return request;
    }

    private static async Task HandleAsync(HttpContext context, SimulationService simulation, ModelCatalog models)
    {
        AnthropicDialect dialect = AnthropicDialect.Instance;
        string requestId = SimulationService.RequestId(context.Request);
        context.Response.Headers[SimulatorHeaders.AnthropicRequestId] = requestId;
        context.Response.Headers[SimulatorHeaders.RequestId] = requestId;

        if (simulation.Authenticate(context.Request, out string? authProblem) is not { } key)
        {
            await dialect.WriteErrorAsync(context, 401, authProblem!);
            return;
        }

        if (await ReadRequestAsync(context, dialect) is not { } request)
        {
            return;
        }

        var entry = simulation.Ledger.Start(requestId, key, request.Model ?? string.Empty, dialect.Name, request.Stream == true);
        if (request.Validate() is { } problem)
        {
            await simulation.RejectAsync(context, entry, dialect, 400, problem, null);
            return;
        }

        if (models.Find(request.Model) is not { } model)
        {
            await simulation.RejectAsync(context, entry, dialect, 404, $"model: {request.Model}", null);
            return;
        }

        if (request.MaxTokens > model.MaxOutputTokens)
        {
            await simulation.RejectAsync(context, entry, dialect, 400, $"max_tokens: {request.MaxTokens} > {model.MaxOutputTokens}, which is the maximum allowed number of output tokens for {model.Id}", null);
            return;
        }

        List<ChatMessage> messages;
        ChatOptions options;
        try
        {
            (messages, options) = AnthropicChatConversion.ToChat(request);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await simulation.RejectAsync(context, entry, dialect, 400, ex.Message, null);
            return;
        }

        long input = simulation.Tokens.CountInput(messages, options);
        if (input > model.ContextWindow)
        {
            await simulation.RejectAsync(context, entry, dialect, 400, $"prompt is too long: {input} tokens > {model.ContextWindow} maximum", null);
            return;
        }

        if (!simulation.TryResolveFault(context.Request, model.Id, out FaultSpec? fault, out string? faultProblem))
        {
            await simulation.RejectAsync(context, entry, dialect, 400, faultProblem!, null);
            return;
        }

        entry.Fault = fault?.ToString();
        var call = new SimulatedCall
        {
            Entry = entry,
            Model = model,
            RequestedModel = request.Model!,
            Messages = messages,
            Options = options,
            InputTokens = input,
            MaxTokens = request.MaxTokens!.Value,
            Stream = request.Stream == true,
            Fault = fault,
            Created = simulation.Time.GetUtcNow().ToUnixTimeSeconds(),
        };
        await simulation.RunAsync(context, call, dialect);
    }
}
