using System.Text.Json;
using Cascade.Protocol;
using Cascade.Protocol.Conversion;
using Cascade.Protocol.OpenAI;
using Cascade.Simulator.Faults;
using Cascade.Simulator.Generation;
using Cascade.Simulator.Models;
using Microsoft.Extensions.AI;

namespace Cascade.Simulator.Endpoints;

/// <summary>Maps the OpenAI Chat Completions API: <c>POST /v1/chat/completions</c>.</summary>
internal static class OpenAIEndpoints
{
    /// <summary>The output limit when a request sets none.</summary>
    public const long DefaultMaxTokens = 4096;

    public static IEndpointRouteBuilder MapOpenAIApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", HandleAsync).WithName("OpenAIChatCompletions").DisableAntiforgery();
        return app;
    }

    private static async Task HandleAsync(HttpContext context, SimulationService simulation, ModelCatalog models)
    {
        OpenAIDialect dialect = OpenAIDialect.Instance;
        string requestId = SimulationService.RequestId(context.Request);
        context.Response.Headers[SimulatorHeaders.RequestId] = requestId;

        if (simulation.Authenticate(context.Request, out string? authProblem) is not { } key)
        {
            await dialect.WriteErrorAsync(context, 401, authProblem!, "invalid_api_key");
            return;
        }

        OpenAIChatRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, ProtocolJsonContext.Wire.OpenAIChatRequest, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            await dialect.WriteErrorAsync(context, 400, $"We could not parse the JSON body of your request: {ex.Message}", "invalid_json");
            return;
        }

        if (request is null)
        {
            await dialect.WriteErrorAsync(context, 400, "The request body must be a JSON object.", "invalid_json");
            return;
        }

        var entry = simulation.Ledger.Start(requestId, key, request.Model ?? string.Empty, dialect.Name, request.Stream == true);
        if (request.Validate() is { } problem)
        {
            await simulation.RejectAsync(context, entry, dialect, 400, problem.Message, null, problem.Param);
            return;
        }

        if (models.Find(request.Model) is not { } model)
        {
            await simulation.RejectAsync(context, entry, dialect, 404, $"The model `{request.Model}` does not exist or you do not have access to it.", "model_not_found", "model");
            return;
        }

        long maxTokens = request.OutputLimit ?? Math.Min(DefaultMaxTokens, model.MaxOutputTokens);
        if (maxTokens > model.MaxOutputTokens)
        {
            await simulation.RejectAsync(context, entry, dialect, 400, $"max_tokens is too large: {maxTokens}. This model supports at most {model.MaxOutputTokens} completion tokens.", "invalid_value", "max_tokens");
            return;
        }

        List<ChatMessage> messages;
        ChatOptions options;
        try
        {
            (messages, options) = OpenAIChatConversion.ToChat(request);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await simulation.RejectAsync(context, entry, dialect, 400, ex.Message, "invalid_value", "messages");
            return;
        }

        long input = simulation.Tokens.CountInput(messages, options);
        if (input > model.ContextWindow)
        {
            await simulation.RejectAsync(context, entry, dialect, 400, $"This model's maximum context length is {model.ContextWindow} tokens. However, your messages resulted in {input} tokens. Please reduce the length of the messages.", "context_length_exceeded", "messages");
            return;
        }

        if (!simulation.TryResolveFault(context.Request, model.Id, out FaultSpec? fault, out string? faultProblem))
        {
            await simulation.RejectAsync(context, entry, dialect, 400, faultProblem!, "invalid_fault", SimulatorHeaders.Fault);
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
            MaxTokens = maxTokens,
            Stream = request.Stream == true,
            Fault = fault,
            Logprobs = request.Logprobs == true,
            TopLogprobs = request.TopLogprobs ?? 0,
            IncludeUsage = request.StreamOptions?.IncludeUsage == true,
            Created = simulation.Time.GetUtcNow().ToUnixTimeSeconds(),
        };
        await simulation.RunAsync(context, call, dialect);
    }
}
