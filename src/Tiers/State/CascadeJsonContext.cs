using System.Text.Json.Serialization;

namespace Cascade;

/// <summary>Source-generated JSON for the records that cross process boundaries (shared state, logs, HTTP).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AttemptRecord))]
[JsonSerializable(typeof(IReadOnlyList<AttemptRecord>))]
[JsonSerializable(typeof(CascadeRoute))]
[JsonSerializable(typeof(CircuitSnapshot))]
[JsonSerializable(typeof(WorkloadOutcome))]
[JsonSerializable(typeof(GateVerdict))]
public sealed partial class CascadeJsonContext : JsonSerializerContext;
