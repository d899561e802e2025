namespace Cascade.AppHost.Hosting;

/// <summary>
/// Computes the variables injected into a resource's process, the way Aspire does: <c>OTEL_SERVICE_NAME</c>, the OTLP
/// endpoint when one is configured, what each referenced resource contributes, then the resource's own variables.
/// </summary>
/// <param name="OtlpEndpoint">The OTLP endpoint (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) given to every service, or <see langword="null"/>.</param>
/// <param name="OtlpProtocol">The OTLP protocol (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>), or <see langword="null"/> for the services' default.</param>
public sealed record ResourceEnvironment(string? OtlpEndpoint = null, string? OtlpProtocol = null)
{
    /// <summary>Returns the variables for <paramref name="resource"/>.</summary>
    public IReadOnlyDictionary<string, string> For(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OTEL_SERVICE_NAME"] = resource.Name,
        };

        if (!string.IsNullOrWhiteSpace(OtlpEndpoint))
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = OtlpEndpoint;
            if (!string.IsNullOrWhiteSpace(OtlpProtocol))
            {
                environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = OtlpProtocol;
            }
        }

        foreach (var reference in resource.References)
        {
            reference.AddReferenceEnvironment(environment);
        }

        // The resource's own settings win over anything injected.
        foreach (var (key, value) in resource.Environment)
        {
            environment[key] = value;
        }

        return environment;
    }
}
