using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cascade.Verifier.Verification;

/// <summary>The verifier's HTTP API.</summary>
public static class VerifyApi
{
    /// <summary>Maps <c>POST /v1/verify</c> and <c>GET /v1/requests/{requestId}/verification</c>.</summary>
    public static IEndpointRouteBuilder MapVerifyApi(this IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder v1 = endpoints.MapGroup("/v1").AddEndpointFilter(ServiceKeyFilter.RequireServiceKeyAsync);
        v1.MapPost("/verify", VerifyAsync)
            .Accepts<VerificationRequest>("application/json")
            .WithName("Verify")
            .WithSummary("Says whether to keep a candidate answer: verdict, score, reasons, the checks that ran and what checking cost.");
        v1.MapGet("/requests/{requestId}/verification", GetCost)
            .WithName("GetVerificationCost")
            .WithSummary("What verifying a caller's request has cost so far.");
        return endpoints;
    }

    internal static async Task<Results<JsonHttpResult<VerificationResult>, ValidationProblem, ProblemHttpResult>> VerifyAsync(
        HttpRequest http, VerificationEngine engine, CancellationToken cancellationToken)
    {
        if (http.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                title: "Unsupported content type",
                detail: "Send the verification request as JSON (Content-Type: application/json).",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        VerificationRequest? request;
        try
        {
            // Read by hand so a malformed body gets a ProblemDetails naming the problem, not a bare 400.
            request = await JsonSerializer.DeserializeAsync(http.Body, VerifierJsonContext.Default.VerificationRequest, cancellationToken);
        }
        catch (JsonException ex)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [ex.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body"] = [$"The body is not a valid verification request: {ex.Message}"] },
                title: "Invalid verification request");
        }

        if (request is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body is empty (null)."] }, title: "Invalid verification request");
        }

        Dictionary<string, string[]> errors = await VerificationRequestValidator.ValidateAsync(request, engine.AvailableChecks);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid verification request");
        }

        return TypedResults.Json(await engine.VerifyAsync(request, cancellationToken), VerifierJsonContext.Default.VerificationResult);
    }

    internal static Results<JsonHttpResult<RequestVerificationCost>, NotFound<ProblemDetails>> GetCost(string requestId, VerificationAccounts accounts) =>
        accounts.Get(requestId) is { } cost
            ? TypedResults.Json(cost, VerifierApiJsonContext.Default.RequestVerificationCost)
            : TypedResults.NotFound(new ProblemDetails { Title = "Unknown request", Detail = $"No verification was asked for request '{requestId}'.", Status = StatusCodes.Status404NotFound });
}

/// <summary>Source-generated JSON metadata of the verifier's own API types (snake_case, as the verify endpoint).</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(RequestVerificationCost))]
internal sealed partial class VerifierApiJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
