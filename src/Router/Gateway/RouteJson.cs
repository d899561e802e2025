using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cascade.Router;

/// <summary>The route as the JSON object a stream's final event carries under <c>cascade</c>.</summary>
internal static class RouteJson
{
    public const string PropertyName = "cascade";

    public static JsonNode ToNode(CascadeRoute route)
    {
        JsonObject summary = new()
        {
            ["request_id"] = route.RequestId,
            ["tier"] = route.ResolvedTier,
            ["model"] = route.ResolvedModel,
            ["attempts"] = route.ModelCalls,
            ["escalations"] = route.Escalations,
            ["fallbacks"] = route.Fallbacks,
            ["cost_usd"] = RouteHeaders.FormatCost(route.TotalCost),
        };
        if (route.StopReason is { } stop)
        {
            summary["stop_reason"] = stop;
        }

        return summary;
    }

    /// <summary>Serializes <paramref name="payload"/> with the route added under <see cref="PropertyName"/>, on one line.</summary>
    public static string WithRoute<T>(T payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CascadeRoute route)
    {
        JsonObject node = JsonSerializer.SerializeToNode(payload, typeInfo)!.AsObject();
        node[PropertyName] = ToNode(route);
        return node.ToJsonString();
    }
}
