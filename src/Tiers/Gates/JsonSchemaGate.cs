using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Cascade;

/// <summary>
/// Rejects an answer that is not JSON valid against the expected schema, validated with NJsonSchema. The schema is the
/// request's <see cref="GateExpectations.JsonSchema"/>, else the request's <c>response_format</c>
/// (<see cref="ChatResponseFormatJson.Schema"/>), else <see cref="JsonSchemaGateOptions.Schema"/>.
/// </summary>
/// <remarks>
/// Abstains when there is no schema, or when the answer is valid. A request in JSON mode without a schema still has its
/// answer checked to be JSON.
/// </remarks>
public sealed class JsonSchemaGate : IQualityGate
{
    /// <summary>The gate's kind and name: <c>json-schema</c>.</summary>
    public const string Kind = "json-schema";

    private const int MaxCachedSchemas = 256;
    private readonly JsonSchemaGateOptions _options;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    /// <summary>Initializes the gate.</summary>
    /// <exception cref="ArgumentException">The configured schema is not a valid JSON schema.</exception>
    public JsonSchemaGate(JsonSchemaGateOptions? options = null)
    {
        _options = options ?? new JsonSchemaGateOptions();
        if (_options.Schema is { } schema)
        {
            // Validated once at start-up, so a bad configured schema stops the host rather than the first request.
            _ = GetSchemaAsync(schema, nameof(JsonSchemaGateOptions.Schema)).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <inheritdoc/>
    public string Name => Kind;

    /// <summary>Finds the schema an answer must satisfy: expectations first, then <c>response_format</c>.</summary>
    /// <returns>The schema's JSON, <see langword="null"/> for none; <paramref name="jsonMode"/> says whether the request asked for JSON at all.</returns>
    public static string? FindSchema(GateExpectations? expectations, ChatOptions? options, out bool jsonMode)
    {
        jsonMode = options?.ResponseFormat is ChatResponseFormatJson;
        if (!string.IsNullOrWhiteSpace(expectations?.JsonSchema))
        {
            jsonMode = true;
            return expectations.JsonSchema;
        }

        return options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema } ? schema.GetRawText() : null;
    }

    /// <summary>Removes a Markdown code fence around an answer, if there is one.</summary>
    public static string Unfence(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal) || !trimmed.EndsWith("```", StringComparison.Ordinal) || trimmed.Length < 6)
        {
            return trimmed;
        }

        int firstLine = trimmed.IndexOf('\n', StringComparison.Ordinal);
        return firstLine < 0 ? trimmed[3..^3].Trim() : trimmed[(firstLine + 1)..^3].Trim();
    }

    /// <inheritdoc/>
    public async ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? schemaJson = FindSchema(context.Expectations, context.Options, out bool jsonMode) ?? _options.Schema;
        if (schemaJson is null && !jsonMode)
        {
            return GateVerdict.Abstain(Name, "no schema");
        }

        string text = _options.AllowCodeFence ? Unfence(context.Text) : context.Text.Trim();
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            return GateVerdict.Reject(Name, $"not JSON: {ex.Message}", 0);
        }

        if (schemaJson is null)
        {
            return GateVerdict.Abstain(Name, "valid JSON (no schema)", 1);
        }

        JsonSchema schema = await GetSchemaAsync(schemaJson, nameof(GateExpectations.JsonSchema));
        ICollection<ValidationError> errors = schema.Validate(text);
        if (errors.Count == 0)
        {
            return GateVerdict.Abstain(Name, "valid against the schema", 1);
        }

        string listed = string.Join("; ", errors.Take(_options.MaxReportedErrors).Select(Describe));
        string more = errors.Count > _options.MaxReportedErrors ? $" (+{errors.Count - _options.MaxReportedErrors} more)" : "";
        return GateVerdict.Reject(Name, $"schema: {listed}{more}", 0);
    }

    private static string Describe(ValidationError error) =>
        string.IsNullOrEmpty(error.Path) || error.Path == "#" ? error.Kind.ToString() : $"{error.Kind} at {error.Path}";

    private async ValueTask<JsonSchema> GetSchemaAsync(string json, string settingName)
    {
        if (_schemas.TryGetValue(json, out JsonSchema? schema))
        {
            return schema;
        }

        try
        {
            schema = await JsonSchema.FromJsonAsync(json);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ArgumentException($"{settingName} is not a valid JSON schema: {ex.Message}", settingName, ex);
        }

        if (_schemas.Count >= MaxCachedSchemas)
        {
            _schemas.Clear();
        }

        return _schemas.GetOrAdd(json, schema);
    }
}
