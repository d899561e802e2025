using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Cascade.Router;

/// <summary>
/// The circuits of the admin API: <c>GET /admin/circuits</c> (state, failures, opened at and next probe per deployment)
/// and <c>POST /admin/circuits/{deployment}/reset</c> (close a deployment's circuit on every replica).
/// </summary>
public static class CircuitsApi
{
    /// <summary>Maps the endpoints on the admin group, behind its admin-key filter.</summary>
    public static RouteGroupBuilder MapCircuitsApi(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        RouteGroupBuilder circuits = admin.MapGroup("/circuits");
        circuits.MapGet("/", ListAsync);
        circuits.MapPost("/{deployment}/reset", ResetAsync);
        return admin;
    }

    private static async Task<Ok<IReadOnlyList<CircuitView>>> ListAsync(CircuitDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.ListAsync(cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<CircuitView>>, NotFound<ProblemDetails>>> ResetAsync(
        string deployment, CircuitDirectory directory, CancellationToken cancellationToken, string? tier = null)
    {
        IReadOnlyList<CircuitView> reset = await directory.ResetAsync(deployment, tier, cancellationToken);
        return reset.Count > 0
            ? TypedResults.Ok(reset)
            : TypedResults.NotFound(new ProblemDetails
            {
                Title = "deployment_not_found",
                Status = StatusCodes.Status404NotFound,
                Detail = tier is null ? $"No tier has a deployment named '{deployment}'." : $"Tier '{tier}' has no deployment named '{deployment}'.",
            });
    }
}
