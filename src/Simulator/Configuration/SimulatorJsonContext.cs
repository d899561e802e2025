using System.Text.Json.Serialization;
using Cascade.Simulator.Billing;
using Cascade.Simulator.Faults;

namespace Cascade.Simulator.Configuration;

/// <summary>The source-generated JSON context of the admin API.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(LedgerReport))]
[JsonSerializable(typeof(FaultUpdate))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails))]
public sealed partial class SimulatorJsonContext : JsonSerializerContext;
