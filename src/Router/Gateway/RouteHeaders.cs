using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Cascade.Router;

/// <summary>The <c>x-cascade-*</c> response headers that report a request's route.</summary>
public static class RouteHeaders
{
    /// <summary>The request id, also the key of <c>GET /v1/requests/{id}</c>.</summary>
    public const string RequestId = "x-cascade-request-id";

    /// <summary>The tier whose answer was kept.</summary>
    public const string Tier = "x-cascade-tier";

    /// <summary>The model whose answer was kept.</summary>
    public const string Model = "x-cascade-model";

    /// <summary>The number of provider calls.</summary>
    public const string Attempts = "x-cascade-attempts";

    /// <summary>The number of cost escalations.</summary>
    public const string Escalations = "x-cascade-escalations";

    /// <summary>The number of reliability fallbacks.</summary>
    public const string Fallbacks = "x-cascade-fallbacks";

    /// <summary>The billed USD cost of every attempt.</summary>
    public const string CostUsd = "x-cascade-cost-usd";

    /// <summary>Set on an answer replayed for a repeated <c>Idempotency-Key</c>.</summary>
    public const string IdempotentReplay = "x-cascade-idempotent-replay";

    /// <summary>How the start tier was chosen: <c>upfront</c>, <c>cascade</c> or <c>pinned</c>.</summary>
    public const string RouteMode = "x-cascade-route-mode";

    /// <summary>Who chose the start tier: <c>model:&lt;name&gt;</c> when the learned routing model decided, <c>rules</c> otherwise.</summary>
    public const string DecidedBy = "x-cascade-decided-by";

    /// <summary>Gets the headers of a route.</summary>
    public static Dictionary<string, string> Of(CascadeRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase)
        {
            [RequestId] = route.RequestId,
            [Attempts] = route.ModelCalls.ToString(CultureInfo.InvariantCulture),
            [Escalations] = route.Escalations.ToString(CultureInfo.InvariantCulture),
            [Fallbacks] = route.Fallbacks.ToString(CultureInfo.InvariantCulture),
            [CostUsd] = FormatCost(route.TotalCost),
        };
        if (route.ResolvedTier is { } tier)
        {
            headers[Tier] = tier;
        }

        if (route.ResolvedModel is { } model)
        {
            headers[Model] = model;
        }

        if (route.Decision is { } decision)
        {
            headers[RouteMode] = decision.Mode.ToString().ToLowerInvariant();
            headers[DecidedBy] = decision.Reason is { } reason && reason.StartsWith(LearnedPrefix, StringComparison.Ordinal)
                ? "model:" + reason[LearnedPrefix.Length..reason.IndexOf('\'', LearnedPrefix.Length)]
                : "rules";
        }

        return headers;
    }

    private const string LearnedPrefix = "learned model '";

    /// <summary>Writes a route's headers.</summary>
    public static void Write(HttpResponse response, IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(headers);
        foreach ((string name, string value) in headers)
        {
            response.Headers[name] = value;
        }
    }

    /// <summary>Formats a USD cost with up to 10 decimals, invariant culture.</summary>
    public static string FormatCost(decimal cost) => cost.ToString("0.##########", CultureInfo.InvariantCulture);
}
