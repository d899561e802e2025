using System.Text.Json.Serialization;

namespace Cascade.Router;

/// <summary>Source-generated JSON for what the router keeps in Redis and returns from its own APIs.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiKeyRecord))]
[JsonSerializable(typeof(IdempotencyEntry))]
[JsonSerializable(typeof(ApiKeyView))]
[JsonSerializable(typeof(IReadOnlyList<ApiKeyView>))]
[JsonSerializable(typeof(CreatedApiKey))]
[JsonSerializable(typeof(CreateApiKeyRequest))]
[JsonSerializable(typeof(ApiKeyPolicy))]
[JsonSerializable(typeof(SpendSnapshot))]
[JsonSerializable(typeof(KeyStatus))]
[JsonSerializable(typeof(RequestLog))]
[JsonSerializable(typeof(RouterStats))]
[JsonSerializable(typeof(RequestEntry))]
[JsonSerializable(typeof(RequestPage))]
[JsonSerializable(typeof(IReadOnlyList<CircuitView>))]
internal sealed partial class RouterJsonContext : JsonSerializerContext;
