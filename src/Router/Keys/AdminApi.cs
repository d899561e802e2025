using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cascade.Router;

/// <summary>The admin API under <c>/admin</c>, guarded by <see cref="RouterOptions.AdminKey"/>: create, list, rotate, revoke and re-scope keys, and read their spend.</summary>
public static class AdminApi
{
    /// <summary>Maps the admin endpoints.</summary>
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder admin = endpoints.MapGroup("/admin").AddEndpointFilter(RequireAdminKeyAsync);
        RouteGroupBuilder keys = admin.MapGroup("/keys");
        keys.MapPost("/", CreateAsync);
        keys.MapGet("/", ListAsync);
        keys.MapGet("/{id}", GetAsync);
        keys.MapPut("/{id}/policy", UpdatePolicyAsync);
        keys.MapPost("/{id}/rotate", RotateAsync);
        keys.MapPost("/{id}/revoke", RevokeAsync);
        keys.MapGet("/{id}/spend", SpendAsync);
        return admin;
    }

    private static async ValueTask<object?> RequireAdminKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        string? configured = http.RequestServices.GetRequiredService<IOptions<RouterOptions>>().Value.AdminKey;
        if (string.IsNullOrEmpty(configured))
        {
            return TypedResults.Problem(statusCode: 404, title: "admin_api_disabled", detail: "The admin API is disabled: set Router:AdminKey to enable it.");
        }

        string? sent = http.Request.Headers["x-admin-key"].FirstOrDefault() ?? ApiKeyAuthenticator.ReadSecret(http.Request);
        if (sent is null || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), SHA256.HashData(Encoding.UTF8.GetBytes(configured))))
        {
            http.Response.Headers[RouterErrorWriter.ShouldRetryHeader] = "false";
            return TypedResults.Problem(statusCode: 401, title: "invalid_admin_key", detail: "Send the admin key as 'x-admin-key: <key>' or 'Authorization: Bearer <key>'.");
        }

        try
        {
            return await next(context);
        }
        catch (SharedStateUnavailableException ex)
        {
            http.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(statusCode: 503, title: "shared_state_unavailable", detail: ex.Message);
        }
    }

    private static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> CreateAsync(CreateApiKeyRequest request, ApiKeyManager manager, CancellationToken cancellationToken)
    {
        List<string> errors = [.. request.Policy?.Validate() ?? []];
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors.Insert(0, "A key needs a name.");
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["key"] = [.. errors] });
        }

        CreatedApiKey created = await manager.CreateAsync(request.Name!, request.Policy, cancellationToken);
        return TypedResults.Created($"/admin/keys/{created.Key.Id}", created);
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyView>>> ListAsync(IApiKeyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ApiKeyView>>((await store.ListAsync(cancellationToken)).Select(ApiKeyView.Of).ToArray());

    private static async Task<Results<Ok<ApiKeyView>, NotFound<ProblemDetails>>> GetAsync(string id, IApiKeyStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } record ? TypedResults.Ok(ApiKeyView.Of(record)) : NotFoundKey(id);

    private static async Task<Results<Ok<ApiKeyView>, NotFound<ProblemDetails>, ValidationProblem>> UpdatePolicyAsync(
        string id, ApiKeyPolicy policy, ApiKeyManager manager, CancellationToken cancellationToken)
    {
        if (policy.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["policy"] = [.. errors] });
        }

        return await manager.UpdatePolicyAsync(id, policy, cancellationToken) is { } view ? TypedResults.Ok(view) : NotFoundKey(id);
    }

    private static async Task<Results<Ok<CreatedApiKey>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RotateAsync(string id, ApiKeyManager manager, CancellationToken cancellationToken)
    {
        try
        {
            return await manager.RotateAsync(id, cancellationToken) is { } rotated ? TypedResults.Ok(rotated) : NotFoundKey(id);
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Conflict(Problem("key_revoked", 409, ex.Message));
        }
    }

    private static async Task<Results<Ok<ApiKeyView>, NotFound<ProblemDetails>>> RevokeAsync(string id, ApiKeyManager manager, CancellationToken cancellationToken) =>
        await manager.RevokeAsync(id, cancellationToken) is { } view ? TypedResults.Ok(view) : NotFoundKey(id);

    private static async Task<Results<Ok<SpendSnapshot>, NotFound<ProblemDetails>>> SpendAsync(string id, IApiKeyStore store, ISpendStore spend, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is null ? NotFoundKey(id) : TypedResults.Ok(await spend.GetAsync(id, cancellationToken));

    private static ProblemDetails Problem(string title, int status, string detail) => new() { Title = title, Status = status, Detail = detail };

    private static NotFound<ProblemDetails> NotFoundKey(string id) => TypedResults.NotFound(Problem("key_not_found", 404, $"No API key has id '{id}'."));
}
