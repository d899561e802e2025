using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Router;

/// <summary>Maps the model endpoints: <c>POST /v1/chat/completions</c> (OpenAI) and <c>POST /v1/messages</c> (Anthropic).</summary>
public static class GatewayApi
{
    /// <summary>Maps both endpoints.</summary>
    public static IEndpointRouteBuilder MapGatewayApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        OpenAIChatDialect openAI = new(endpoints.ServiceProvider.GetRequiredService<TimeProvider>());
        AnthropicMessagesDialect anthropic = new();
        endpoints.MapPost("/v1/chat/completions", (HttpContext context, CascadeGateway gateway) => gateway.HandleAsync(context, openAI)).DisableAntiforgery();
        endpoints.MapPost("/v1/messages", (HttpContext context, CascadeGateway gateway) => gateway.HandleAsync(context, anthropic)).DisableAntiforgery();
        return endpoints;
    }
}
