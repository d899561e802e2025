namespace Cascade;

/// <summary>Options of the <see cref="JsonSchemaGate"/>.</summary>
public sealed class JsonSchemaGateOptions
{
    /// <summary>Gets or sets a schema used when neither the request's expectations nor its <c>response_format</c> carry one.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Schema { get; set; }

    /// <summary>Gets or sets whether an answer wrapped in a Markdown code fence (<c>```json ... ```</c>) is unwrapped before validation.</summary>
    /// <value>The default value is <see langword="true"/>: small models often fence their JSON.</value>
    public bool AllowCodeFence { get; set; } = true;

    /// <summary>Gets or sets how many validation errors the verdict's reason lists.</summary>
    /// <value>The default value is 3.</value>
    public int MaxReportedErrors
    {
        get;
        set => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxReportedErrors), value, "At least one error must be reported.");
    } = 3;

    /// <summary>Reads the options from gate settings (<c>Schema</c>, <c>AllowCodeFence</c>, <c>MaxReportedErrors</c>).</summary>
    public static JsonSchemaGateOptions FromSettings(GateSettings settings) => new()
    {
        Schema = settings.GetString(nameof(Schema)),
        AllowCodeFence = settings.GetBoolean(nameof(AllowCodeFence), true),
        MaxReportedErrors = settings.GetInt32(nameof(MaxReportedErrors), 3),
    };
}
