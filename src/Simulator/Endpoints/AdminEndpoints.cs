using System.Security.Cryptography;
using System.Text;
using Cascade.Simulator.Billing;
using Cascade.Simulator.Configuration;
using Cascade.Simulator.Faults;
using Cascade.Simulator.Generation;
using Cascade.Simulator.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cascade.Simulator.Endpoints;

/// <summary>
/// Maps the admin API (admin key in <c>x-admin-key</c> or <c>Authorization: Bearer</c>): the billing ledger and the
/// standing faults of each model. Errors are <c>ProblemDetails</c>.
/// </summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder admin = app.MapGroup("/admin").AddEndpointFilter(RequireAdminKeyAsync);
        admin.MapGet("/ledger", GetLedger).WithName("GetLedger");
        admin.MapDelete("/ledger", ClearLedger).WithName("ClearLedger");
        admin.MapGet("/faults", GetFaults).WithName("GetFaults");
        admin.MapPut("/faults/{model}", SetFault).WithName("SetFault");
        admin.MapDelete("/faults/{model}", ClearFault).WithName("ClearFault");
        admin.MapDelete("/faults", ClearFaults).WithName("ClearFaults");
        return app;
    }

    private static async ValueTask<object?> RequireAdminKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpRequest request = context.HttpContext.Request;
        string expected = request.HttpContext.RequestServices.GetRequiredService<IOptions<SimulatorOptions>>().Value.AdminKey;
        if (string.IsNullOrEmpty(expected))
        {
            return TypedResults.Problem("The admin API is off: set Simulator:AdminKey to turn it on.", statusCode: StatusCodes.Status403Forbidden, title: "Admin API disabled");
        }

        string given = request.Headers[SimulatorHeaders.AdminKey].ToString();
        if (given.Length == 0 && request.Headers.Authorization.ToString() is { } authorization && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            given = authorization["Bearer ".Length..].Trim();
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem($"Send the admin key in the {SimulatorHeaders.AdminKey} header.", statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required");
        }

        return await next(context);
    }

    private static Ok<LedgerReport> GetLedger(BillingLedger ledger, string? requestId, string? key)
    {
        IEnumerable<LedgerEntry> entries = requestId is null ? ledger.Entries : ledger.ForRequest(requestId);
        if (key is not null)
        {
            entries = entries.Where(e => string.Equals(e.Key, key, StringComparison.Ordinal));
        }

        List<LedgerEntry> list = [.. entries];
        List<KeyTotalsSnapshot> totals = [.. ledger.Totals.Where(t => key is null || string.Equals(t.Key, key, StringComparison.Ordinal)).Select(t => t.ToSnapshot())];
        List<RequestTotals> requests = [.. list
            .GroupBy(e => e.RequestId, StringComparer.Ordinal)
            .Select(g => new RequestTotals(g.Key, g.Count(), g.Count(e => e.Billed), g.Sum(e => e.InputTokens), g.Sum(e => e.OutputTokens), g.Sum(e => e.CostUsd ?? 0)))];
        return TypedResults.Ok(new LedgerReport(totals, requests, [.. list.Select(e => e.ToSnapshot())]));
    }

    private static NoContent ClearLedger(BillingLedger ledger)
    {
        ledger.Clear();
        return TypedResults.NoContent();
    }

    private static Ok<Dictionary<string, string>> GetFaults(FaultRegistry faults) =>
        TypedResults.Ok(faults.Current.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal));

    private static Results<Ok<Dictionary<string, string>>, ProblemHttpResult> SetFault(string model, FaultUpdate? update, FaultRegistry faults, ModelCatalog models)
    {
        if (models.Find(model) is null)
        {
            return TypedResults.Problem($"Unknown model '{model}'; known models: {string.Join(", ", models.All.Select(m => m.Id))}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown model");
        }

        if (!FaultSpec.TryParse(update?.Fault, out FaultSpec? spec, out string? error))
        {
            return TypedResults.Problem($"Send {{\"fault\":\"<mode>[;param=value]\"}}: {error}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid fault");
        }

        faults.Set(model, spec);
        return TypedResults.Ok(faults.Current.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal));
    }

    private static Results<NoContent, ProblemHttpResult> ClearFault(string model, FaultRegistry faults) =>
        faults.Clear(model) ? TypedResults.NoContent() : TypedResults.Problem($"Model '{model}' has no standing fault.", statusCode: StatusCodes.Status404NotFound, title: "No fault");

    private static NoContent ClearFaults(FaultRegistry faults)
    {
        faults.ClearAll();
        return TypedResults.NoContent();
    }
}
