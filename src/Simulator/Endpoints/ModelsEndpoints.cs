using System.Text.Json;
using Cascade.Protocol;
using Cascade.Protocol.Anthropic;
using Cascade.Protocol.OpenAI;
using Cascade.Simulator.Generation;
using Cascade.Simulator.Models;

namespace Cascade.Simulator.Endpoints;

/// <summary>
/// Maps <c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>, answered in the Anthropic shape when the request carries
/// <c>anthropic-version</c> or <c>x-api-key</c> (as Anthropic clients do), in the OpenAI shape otherwise.
/// </summary>
internal static class ModelsEndpoints
{
    private static readonly DateTimeOffset s_released = new(2025, 10, 1, 0, 0, 0, TimeSpan.Zero);

    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models", ListAsync).WithName("ListModels");
        app.MapGet("/v1/models/{id}", GetAsync).WithName("GetModel");
        return app;
    }

    private static bool IsAnthropic(HttpRequest request) =>
        request.Headers.ContainsKey(SimulatorHeaders.AnthropicVersion) || request.Headers.ContainsKey(SimulatorHeaders.ApiKey);

    private static async Task ListAsync(HttpContext context, SimulationService simulation, ModelCatalog models)
    {
        bool anthropic = IsAnthropic(context.Request);
        if (simulation.Authenticate(context.Request, out string? problem) is null)
        {
            await Dialect(anthropic).WriteErrorAsync(context, 401, problem!, "invalid_api_key");
            return;
        }

        context.Response.ContentType = "application/json";
        if (anthropic)
        {
            var list = new AnthropicModelList { Data = [.. models.All.Select(Anthropic)] };
            list.FirstId = list.Data.FirstOrDefault()?.Id;
            list.LastId = list.Data.LastOrDefault()?.Id;
            await JsonSerializer.SerializeAsync(context.Response.Body, list, ProtocolJsonContext.Wire.AnthropicModelList);
        }
        else
        {
            await JsonSerializer.SerializeAsync(context.Response.Body, new OpenAIModelList { Data = [.. models.All.Select(OpenAI)] }, ProtocolJsonContext.Wire.OpenAIModelList);
        }
    }

    private static async Task GetAsync(string id, HttpContext context, SimulationService simulation, ModelCatalog models)
    {
        bool anthropic = IsAnthropic(context.Request);
        if (simulation.Authenticate(context.Request, out string? problem) is null)
        {
            await Dialect(anthropic).WriteErrorAsync(context, 401, problem!, "invalid_api_key");
            return;
        }

        if (models.Find(id) is not { } model)
        {
            await Dialect(anthropic).WriteErrorAsync(context, 404, anthropic ? $"model: {id}" : $"The model `{id}` does not exist or you do not have access to it.", "model_not_found", "model");
            return;
        }

        context.Response.ContentType = "application/json";
        if (anthropic)
        {
            await JsonSerializer.SerializeAsync(context.Response.Body, Anthropic(model), ProtocolJsonContext.Wire.AnthropicModelInfo);
        }
        else
        {
            await JsonSerializer.SerializeAsync(context.Response.Body, OpenAI(model), ProtocolJsonContext.Wire.OpenAIModelInfo);
        }
    }

    private static IApiDialect Dialect(bool anthropic) => anthropic ? AnthropicDialect.Instance : OpenAIDialect.Instance;

    private static AnthropicModelInfo Anthropic(SimulatedModel model) => new() { Id = model.Id, DisplayName = model.DisplayName, CreatedAt = s_released };

    private static OpenAIModelInfo OpenAI(SimulatedModel model) => new() { Id = model.Id, Created = s_released.ToUnixTimeSeconds(), OwnedBy = model.OwnedBy };
}
