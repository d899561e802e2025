using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cascade.Router;

/// <summary><c>GET /v1/key</c>: the calling key's policy, cost ceiling and spend, so a client can see where it stands.</summary>
public static class KeyApi
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointConventionBuilder MapKeyApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/v1/key", async (HttpContext context, ApiKeyAuthenticator authenticator, RequestAdmission admission, ISpendStore spend) =>
        {
            var (key, error) = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted);
            if (key is null)
            {
                await RouterErrorWriter.WriteAsync(context, error!);
                return;
            }

            SpendSnapshot snapshot = await spend.GetAsync(key.Id, context.RequestAborted);
            await context.Response.WriteAsJsonAsync(
                new KeyStatus(ApiKeyView.Of(key), admission.CeilingOf(key), snapshot),
                RouterJsonContext.Default.KeyStatus,
                cancellationToken: context.RequestAborted);
        });
}

/// <summary>The body of <c>GET /v1/key</c>.</summary>
/// <param name="Key">The key.</param>
/// <param name="RequestCeiling">The USD ceiling (and reservation) of each of its requests.</param>
/// <param name="Spend">Its spend today and this month.</param>
public sealed record KeyStatus(ApiKeyView Key, decimal RequestCeiling, SpendSnapshot Spend);
